import type { Store } from '../../platform/store/port.ts';
import * as columns from '../../platform/store/rows.ts';
import { nullable, row } from '../../platform/store/rows.ts';
import { placeholders } from './sql.ts';

/** What surveys need to know about a customer: traits for conditions, and how to reach them. */
export interface CustomerContext {
  traits: Record<string, unknown>;
  unsubscribed: boolean;
  email: string | null;
  timezone: string | null;
  language: string | null;
}

const text = (value: unknown) => (typeof value === 'string' && value.length > 0 ? value : null);
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Contexts for many customers in two queries. A customer is unsubscribed by the link in an email,
 * or by an `unsubscribed: true` trait sent from another system.
 */
export async function customerContexts(
  store: Store,
  workspaceId: string,
  ids: string[],
): Promise<Map<string, CustomerContext>> {
  const unique = [...new Set(ids)];
  const out = new Map<string, CustomerContext>();
  if (unique.length === 0) return out;
  const list = placeholders(2, unique.length);
  const [traitRows, unsubscribed] = await Promise.all([
    store.readRows(
      row({ id: columns.text, traits: nullable(columns.json) }),
      `SELECT id, traits::VARCHAR AS traits FROM customers WHERE workspace_id = $1 AND id IN (${list})`,
      [workspaceId, ...unique],
    ),
    store.readRows(
      row({ customer_id: columns.text }),
      `SELECT customer_id FROM unsubscribes WHERE workspace_id = $1 AND customer_id IN (${list})`,
      [workspaceId, ...unique],
    ),
  ]);
  const traitsById = new Map(traitRows.map((r) => [r.id, isRecord(r.traits) ? r.traits : {}]));
  const gone = new Set(unsubscribed.map((r) => r.customer_id));
  for (const id of unique) {
    const traits = traitsById.get(id) ?? {};
    out.set(id, {
      traits,
      unsubscribed: gone.has(id) || traits.unsubscribed === true,
      email: text(traits.email),
      timezone: text(traits.timezone),
      language: text(traits.language) ?? text(traits.locale),
    });
  }
  return out;
}

/** The customers that identify calls linked these anonymous ids to. */
export async function resolveAnonymous(store: Store, workspaceId: string, anonymousIds: string[]) {
  const unique = [...new Set(anonymousIds)];
  if (unique.length === 0) return new Map<string, string>();
  const rows = await store.readRows(
    row({ anonymous_id: columns.text, customer_id: columns.text }),
    `SELECT anonymous_id, customer_id FROM aliases WHERE workspace_id = $1 AND anonymous_id IN (${placeholders(2, unique.length)})`,
    [workspaceId, ...unique],
  );
  return new Map(rows.map((r) => [r.anonymous_id, r.customer_id]));
}
