import type { IngestRows } from '../../core/ingest/batch.ts';
import type { AnonymousTraitsRow } from '../../core/ingest/rows.ts';
import type { FieldIssue } from '../../core/issues.ts';
import { DomainError } from '../../platform/errors.ts';
import type { Suppressions, SuppressedKind } from '../../platform/privacy/suppression.ts';

/** The email trait of an identify, if it has one; traits are JSON text by now. */
function emailOf(traits: string | null): string | null {
  if (!traits) return null;
  try {
    const parsed: unknown = JSON.parse(traits);
    const email =
      typeof parsed === 'object' && parsed !== null ? (parsed as { email?: unknown }).email : null;
    return typeof email === 'string' ? email : null;
  } catch {
    return null;
  }
}

/**
 * Refuses a request that would store an erased customer again (by customer id, anonymous id or
 * email), before anything is stored: erasure must not be undone by a client retrying an old batch.
 * The whole request is refused (409 `customer_erased`) rather than just those items, so the
 * sender hears it; the reply does not repeat the id (it is the erased person's).
 */
export async function refuseErased(
  suppressions: Suppressions,
  workspaceId: string,
  rows: IngestRows,
  anonymous: AnonymousTraitsRow[] = [],
): Promise<void> {
  const values: { kind: SuppressedKind; value: string; path: string }[] = [];
  const add = (kind: SuppressedKind, value: string | null, path: string) => {
    if (value) values.push({ kind, value, path });
  };
  rows.events.forEach((e) => {
    add('customer', e.customerId, 'customerId');
    add('anonymous', e.anonymousId, 'anonymousId');
  });
  rows.feedback.forEach((f) => add('customer', f.customerId, 'customerId'));
  rows.identifies.forEach((i) => {
    add('customer', i.customerId, 'customerId');
    add('anonymous', i.anonymousId, 'anonymousId');
    add('email', emailOf(i.traits), 'traits.email');
  });
  anonymous.forEach((a) => {
    add('anonymous', a.anonymousId, 'anonymousId');
    add('email', emailOf(a.traits), 'traits.email');
  });
  const hits = await suppressions.suppressed(workspaceId, values);
  if (hits.length === 0) return;
  const hit = new Set(hits.map((h) => `${h.kind}\u0000${h.value}`));
  const paths = [...new Set(values.filter((v) => hit.has(`${v.kind}\u0000${v.value}`)).map((v) => v.path))];
  const issues: FieldIssue[] = paths.map((path) => ({
    path,
    code: 'customer_erased',
    message: 'this customer was erased at their request; cxloop does not store them again',
  }));
  throw new DomainError('conflict', 'the request names a customer who was erased; nothing was stored', {
    code: 'customer_erased',
    issues,
  });
}
