import type { DuckDBConnection, DuckDBDataChunk } from '@duckdb/node-api';
import type { EventRow, FeedbackRow } from '../../../core/ingest/rows.ts';
import type { IngestBatch } from '../port.ts';
import { appendChunks, toChunks, type ColumnValues } from './column-append.ts';
import { keysOf, type Keys, type SelectedItem, type WorkItem } from './duplicates.ts';

const toTimestamp = (column: string) => `make_timestamp(CAST(${column} * 1000 AS BIGINT))`;

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

/** Rows of one table as appender chunks, in the table's column order. */
function chunksOf<T>(workspaceId: string, rows: T[], keys: Keys, columns: Column<T>[]): DuckDBDataChunk[] {
  if (rows.length === 0) return [];
  return toChunks([
    { type: 'varchar', values: new Array<string>(rows.length).fill(workspaceId) },
    ...columns.map(
      (column) => ({ type: column.type, values: rows.map((row) => column.get(row)) }) as ColumnValues,
    ),
    { type: 'uinteger', values: keys.hi },
    { type: 'uinteger', values: keys.lo },
  ]);
}

/**
 * A batch made ready for writing as soon as it arrives: its id hashes, and its events and
 * feedback already in appender chunks. Building chunks is most of a row's cost on this thread;
 * done here, it overlaps the commit of the group before instead of lengthening the next one.
 */
export interface PreparedItem extends WorkItem {
  eventChunks: DuckDBDataChunk[];
  feedbackChunks: DuckDBDataChunk[];
}

export function prepare(workspaceId: string, batch: IngestBatch): PreparedItem {
  const eventKeys = keysOf(workspaceId, batch.events);
  const feedbackKeys = keysOf(workspaceId, batch.feedback);
  return {
    workspaceId,
    batch,
    eventKeys,
    feedbackKeys,
    eventChunks: chunksOf(workspaceId, batch.events, eventKeys, EVENT_COLUMNS),
    feedbackChunks: chunksOf(workspaceId, batch.feedback, feedbackKeys, FEEDBACK_COLUMNS),
  };
}

/**
 * Writes the selected (already de-duplicated) rows of one transaction: events and feedback are
 * appended straight into their tables, from the prepared chunks unless duplicates were dropped.
 * First/last seen are not maintained here (an upsert per batch cost more than the insert itself);
 * the customer_activity view derives them when asked.
 */
export async function writeSelected(
  connection: DuckDBConnection,
  prepared: PreparedItem[],
  selected: SelectedItem[],
): Promise<void> {
  const events = selected.flatMap((s, i) =>
    s.events.length === prepared[i]!.batch.events.length
      ? prepared[i]!.eventChunks
      : chunksOf(s.workspaceId, s.events, s.eventKeys, EVENT_COLUMNS),
  );
  const feedback = selected.flatMap((s, i) =>
    s.feedback.length === prepared[i]!.batch.feedback.length
      ? prepared[i]!.feedbackChunks
      : chunksOf(s.workspaceId, s.feedback, s.feedbackKeys, FEEDBACK_COLUMNS),
  );
  await appendChunks(connection, 'events', null, events);
  await appendChunks(connection, 'feedback', null, feedback);
  await writeIdentifies(connection, selected);
}

/**
 * Identify calls merge traits (later calls win key by key) and link anonymous ids to the customer.
 * An anonymous id keeps the first customer it was linked to: re-linking would rewrite history.
 */
async function writeIdentifies(connection: DuckDBConnection, items: SelectedItem[]) {
  const rows = items.flatMap((item) => item.identifies.map((i) => ({ ...i, workspaceId: item.workspaceId })));
  if (rows.length === 0) return;
  const columns: ColumnValues[] = [
    { type: 'varchar', values: rows.map((r) => r.workspaceId) },
    { type: 'varchar', values: rows.map((r) => r.customerId) },
    { type: 'varchar', values: rows.map((r) => r.anonymousId) },
    { type: 'varchar', values: rows.map((r) => r.traits) },
    { type: 'double', values: rows.map((r) => r.timestamp) },
    // The order of the calls, so that later traits win.
    { type: 'integer', values: rows.map((_, seq) => seq) },
  ];
  await appendChunks(connection, 'stage_identifies', 'temp', toChunks(columns));
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
