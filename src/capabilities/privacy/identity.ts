import type { Store } from '../../platform/store/port.ts';
import { nullable, row, text } from '../../platform/store/rows.ts';
import type { CustomerIdentity } from './customer-match.ts';

function emailIn(traits: string | null): string | null {
  if (!traits) return null;
  try {
    const parsed: unknown = JSON.parse(traits);
    const email =
      typeof parsed === 'object' && parsed !== null ? (parsed as { email?: unknown }).email : null;
    return typeof email === 'string' && email.trim() ? email.trim() : null;
  } catch {
    return null;
  }
}

/**
 * Everything that identifies a customer, or null when the workspace holds nothing about them:
 * the id, the anonymous ids identify merged into it, and the emails in their traits (also those
 * sent while they were still anonymous), which the send log and suppression use.
 */
export async function resolveCustomer(
  store: Store,
  workspaceId: string,
  customerId: string,
): Promise<CustomerIdentity | null> {
  const [known] = await store.read(
    `SELECT 1 AS hit FROM customer_activity WHERE workspace_id = $1 AND id = $2
     UNION ALL SELECT 1 FROM aliases WHERE workspace_id = $1 AND customer_id = $2
     UNION ALL SELECT 1 FROM survey_invitations WHERE workspace_id = $1 AND customer_id = $2
     LIMIT 1`,
    [workspaceId, customerId],
  );
  if (!known) return null;
  const aliases = await store.readRows(
    row({ anonymous_id: text }),
    'SELECT anonymous_id FROM aliases WHERE workspace_id = $1 AND customer_id = $2 ORDER BY anonymous_id',
    [workspaceId, customerId],
  );
  const anonymousIds = aliases.map((a) => a.anonymous_id);
  const traits = await store.readRows(
    row({ traits: nullable(text) }),
    `SELECT CAST(traits AS VARCHAR) AS traits FROM customers WHERE workspace_id = $1 AND id = $2
     ${anonymousIds.length ? `UNION ALL SELECT traits FROM anonymous_traits WHERE workspace_id = $1 AND anonymous_id IN (${anonymousIds.map((_, i) => `$${i + 3}`).join(', ')})` : ''}`,
    [workspaceId, customerId, ...anonymousIds],
  );
  const emails = [...new Set(traits.map((t) => emailIn(t.traits)).filter((e): e is string => e !== null))];
  return { customerId, anonymousIds, emails };
}
