import type { DuckDBConnection } from '@duckdb/node-api';
import type { EventRow, FeedbackRow } from '../../core/ingest/rows.ts';
import { appendColumns, type ColumnValues } from './column-append.ts';
import type { Keys, SelectedItem } from './duplicates.ts';

const toTimestamp = (column: string) => `make_timestamp(CAST(${column} * 1000 AS BIGINT))`;

/**
 * Writes the selected (already de-duplicated) rows of one transaction: events and feedback are
 * appended straight into their tables. First/last seen are not maintained here (an upsert per
 * batch cost more than the insert itself); the customer_activity view derives them when asked.
 */
export async function writeSelected(connection: DuckDBConnection, items: SelectedItem[]): Promise<void> {
  await writeRows(
    connection,
    'events',
    EVENT_COLUMNS,
    items.map((i) => ({ workspaceId: i.workspaceId, rows: i.events, keys: i.eventKeys })),
  );
  await writeRows(
    connection,
    'feedback',
    FEEDBACK_COLUMNS,
    items.map((i) => ({ workspaceId: i.workspaceId, rows: i.feedback, keys: i.feedbackKeys })),
  );
  await writeIdentifies(connection, items);
}

/** A table column after workspace_id and before id_hi, id_lo: its type and how to read it off a row. */
type Column<T> =
  | { type: 'varchar'; get: (row: T) => string | null }
  | { type: 'timestamp' | 'integer' | 'double'; get: (row: T) => number };

const EVENT_COLUMNS: Column<EventRow>[] = [
  { type: 'varchar', get: (e) => e.id },
  { type: 'varchar', get: (e) => e.customerId },
  { type: 'varchar', get: (e) => e.anonymousId },
  { type: 'varchar', get: (e) => e.name },
  { type: 'varchar', get: (e) => e.touchpoint },
  { type: 'timestamp', get: (e) => e.timestamp },
  { type: 'timestamp', get: (e) => e.receivedAt },
  { type: 'varchar', get: (e) => e.properties },
  { type: 'varchar', get: (e) => e.context },
];

const FEEDBACK_COLUMNS: Column<FeedbackRow>[] = [
  { type: 'varchar', get: (f) => f.id },
  { type: 'varchar', get: (f) => f.customerId },
  { type: 'varchar', get: (f) => f.touchpoint },
  { type: 'varchar', get: (f) => f.metric },
  { type: 'double', get: (f) => f.score },
  { type: 'integer', get: (f) => f.scaleMin },
  { type: 'integer', get: (f) => f.scaleMax },
  { type: 'varchar', get: (f) => f.comment },
  { type: 'timestamp', get: (f) => f.timestamp },
  { type: 'timestamp', get: (f) => f.receivedAt },
  { type: 'varchar', get: (f) => f.source },
];

/** Appends every item's rows of one kind, in the table's column order. */
async function writeRows<T>(
  connection: DuckDBConnection,
  table: 'events' | 'feedback',
  columns: Column<T>[],
  parts: { workspaceId: string; rows: T[]; keys: Keys }[],
) {
  const total = parts.reduce((n, p) => n + p.rows.length, 0);
  if (total === 0) return;
  const workspaces: string[] = [];
  const hi = new Uint32Array(total);
  const lo = new Uint32Array(total);
  let at = 0;
  for (const part of parts) {
    for (let i = 0; i < part.rows.length; i++) workspaces.push(part.workspaceId);
    hi.set(part.keys.hi, at);
    lo.set(part.keys.lo, at);
    at += part.rows.length;
  }
  // Column by column, so that each getter runs over every row in one monomorphic loop.
  const values = columns.map(({ type, get }) => {
    const out: unknown[] = [];
    for (const part of parts) for (const row of part.rows) out.push(get(row));
    return { type, values: out } as ColumnValues;
  });
  await appendColumns(connection, table, null, [
    { type: 'varchar', values: workspaces },
    ...values,
    { type: 'uinteger', values: hi },
    { type: 'uinteger', values: lo },
  ]);
}

/**
 * Identify calls merge traits (later calls win key by key) and link anonymous ids to the customer.
 * An anonymous id keeps the first customer it was linked to: re-linking would rewrite history.
 */
async function writeIdentifies(connection: DuckDBConnection, items: SelectedItem[]) {
  const rows = items.flatMap((item) => item.identifies.map((i) => ({ ...i, workspaceId: item.workspaceId })));
  if (rows.length === 0) return;
  await appendColumns(connection, 'stage_identifies', 'temp', [
    { type: 'varchar', values: rows.map((r) => r.workspaceId) },
    { type: 'varchar', values: rows.map((r) => r.customerId) },
    { type: 'varchar', values: rows.map((r) => r.anonymousId) },
    { type: 'varchar', values: rows.map((r) => r.traits) },
    { type: 'double', values: rows.map((r) => r.timestamp) },
    // The order of the calls, so that later traits win.
    { type: 'integer', values: rows.map((_, seq) => seq) },
  ]);
  await connection.run(
    `INSERT INTO customers (workspace_id, id, traits, first_seen, last_seen)
     SELECT workspace_id, customer_id,
            list_reduce(list(coalesce(traits, '{}')::JSON ORDER BY seq), lambda a, b: json_merge_patch(a, b)),
            ${toTimestamp('min(ts)')}, ${toTimestamp('max(ts)')}
     FROM stage_identifies GROUP BY workspace_id, customer_id
     ON CONFLICT DO UPDATE SET
       traits = json_merge_patch(coalesce(traits, '{}'::JSON), excluded.traits),
       first_seen = least(first_seen, excluded.first_seen),
       last_seen = greatest(last_seen, excluded.last_seen)`,
  );
  await connection.run(
    `INSERT INTO aliases
     SELECT workspace_id, anonymous_id, arg_min(customer_id, seq), ${toTimestamp('min(ts)')} FROM stage_identifies
     WHERE anonymous_id IS NOT NULL GROUP BY workspace_id, anonymous_id
     ON CONFLICT DO NOTHING`,
  );
  await connection.run('DELETE FROM stage_identifies');
}
