import type { CustomerTable } from '../../platform/privacy/customer-data.ts';
import type { SqlValue } from '../../platform/store/port.ts';

/** Everything that identifies one customer in the stored rows. */
export interface CustomerIdentity {
  customerId: string;
  /** Anonymous ids merged into the customer (aliases). */
  anonymousIds: string[];
  /** Emails from the customer's traits (and from traits sent before they were identified). */
  emails: string[];
}

/**
 * The WHERE clause (shared SQL, `$1` = the workspace) that picks a table's rows of one customer,
 * with its parameters. Params are numbered from $2 on; `declared` resolves `via` references.
 */
export function customerPredicate(
  table: CustomerTable,
  who: CustomerIdentity,
  declared: readonly CustomerTable[],
  params: SqlValue[] = [],
): { where: string; params: SqlValue[] } {
  const bind = (v: SqlValue) => {
    params.push(v);
    return `$${params.length + 1}`;
  };
  const list = (values: string[]) => values.map(bind).join(', ');
  const parts: string[] = [];
  for (const c of table.customer ?? []) parts.push(`${c} = ${bind(who.customerId)}`);
  if (who.anonymousIds.length)
    for (const c of table.anonymous ?? []) parts.push(`${c} IN (${list(who.anonymousIds)})`);
  if (who.emails.length)
    for (const c of table.email ?? [])
      parts.push(`lower(${c}) IN (${list(who.emails.map((e) => e.toLowerCase()))})`);
  // A mention is the id as a JSON string, quotes included, so "c1" does not match inside "c10".
  const needles = [who.customerId, ...who.anonymousIds, ...who.emails].map((v) => JSON.stringify(v));
  for (const c of table.mentions ?? [])
    for (const n of needles) parts.push(`strpos(CAST(${c} AS VARCHAR), ${bind(n)}) > 0`);
  if (table.via) {
    const parent = declared.find((t) => t.table === table.via!.table);
    if (!parent) throw new Error(`${table.table} is declared via ${table.via.table}, which is not declared`);
    const inner = customerPredicate(parent, who, declared, params);
    parts.push(
      `${table.via.column} IN (SELECT ${table.via.key} FROM ${parent.table} WHERE workspace_id = $1 AND (${inner.where}))`,
    );
  }
  return { where: parts.length ? parts.join(' OR ') : 'FALSE', params };
}
