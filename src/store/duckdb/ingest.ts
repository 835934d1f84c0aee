import {
  DuckDBDataChunk,
  DOUBLE,
  INTEGER,
  TIMESTAMP,
  UINTEGER,
  VARCHAR,
  type DuckDBConnection,
  type DuckDBType,
} from '@duckdb/node-api';
import type { SelectedItem } from './duplicates.ts';
import { timestampValue } from './values.ts';

/** DuckDB data chunks hold at most this many rows. */
const CHUNK = 2048;

/** Appends rows to a staging table column by column, one data chunk at a time (the fast path). */
async function stage<T>(
  connection: DuckDBConnection,
  table: string,
  rows: T[],
  columns: [DuckDBType, (row: T, index: number) => unknown][],
) {
  if (rows.length === 0) return;
  const appender = await connection.createAppender(table, 'main', 'temp');
  const types = columns.map(([type]) => type);
  for (let from = 0; from < rows.length; from += CHUNK) {
    const slice = rows.slice(from, from + CHUNK);
    const chunk = DuckDBDataChunk.create(types, slice.length);
    chunk.setColumns(columns.map(([, get]) => slice.map((row, i) => get(row, from + i))) as never);
    appender.appendDataChunk(chunk);
  }
  appender.closeSync();
}

const ts = timestampValue;

/**
 * Writes the selected (already de-duplicated) rows of one transaction: staged through the
 * appender, then moved into the real tables with a few set-based statements for the whole group.
 * First/last seen are not maintained here (an upsert per batch cost more than the insert itself);
 * the customer_activity view derives them from the events when asked.
 */
export async function writeSelected(connection: DuckDBConnection, items: SelectedItem[]): Promise<void> {
  const events = items.flatMap((item) => item.events.map((row) => [item.workspaceId, row] as const));
  const feedback = items.flatMap((item) => item.feedback.map((row) => [item.workspaceId, row] as const));
  const identifies = items.flatMap((item) => item.identifies.map((row) => [item.workspaceId, row] as const));

  if (events.length) {
    await stage(connection, 'stage_events', events, [
      [VARCHAR, ([w]) => w],
      [VARCHAR, ([, e]) => e.id],
      [VARCHAR, ([, e]) => e.customerId],
      [VARCHAR, ([, e]) => e.anonymousId],
      [VARCHAR, ([, e]) => e.name],
      [VARCHAR, ([, e]) => e.touchpoint],
      [TIMESTAMP, ([, e]) => ts(e.timestamp)],
      [TIMESTAMP, ([, e]) => ts(e.receivedAt)],
      [VARCHAR, ([, e]) => e.properties],
      [VARCHAR, ([, e]) => e.context],
      [UINTEGER, ([, e]) => e.hi],
      [UINTEGER, ([, e]) => e.lo],
    ]);
    await connection.run('INSERT INTO events SELECT * FROM stage_events');
    await connection.run('DELETE FROM stage_events');
  }
  if (feedback.length) {
    await stage(connection, 'stage_feedback', feedback, [
      [VARCHAR, ([w]) => w],
      [VARCHAR, ([, f]) => f.id],
      [VARCHAR, ([, f]) => f.customerId],
      [VARCHAR, ([, f]) => f.touchpoint],
      [VARCHAR, ([, f]) => f.metric],
      [DOUBLE, ([, f]) => f.score],
      [INTEGER, ([, f]) => f.scaleMin],
      [INTEGER, ([, f]) => f.scaleMax],
      [VARCHAR, ([, f]) => f.comment],
      [TIMESTAMP, ([, f]) => ts(f.timestamp)],
      [TIMESTAMP, ([, f]) => ts(f.receivedAt)],
      [VARCHAR, ([, f]) => f.source],
      [UINTEGER, ([, f]) => f.hi],
      [UINTEGER, ([, f]) => f.lo],
    ]);
    await connection.run('INSERT INTO feedback SELECT * FROM stage_feedback');
    await connection.run('DELETE FROM stage_feedback');
  }
  if (identifies.length) {
    await stage(connection, 'stage_identifies', identifies, [
      [VARCHAR, ([w]) => w],
      [VARCHAR, ([, i]) => i.customerId],
      [VARCHAR, ([, i]) => i.anonymousId],
      [VARCHAR, ([, i]) => i.traits],
      [TIMESTAMP, ([, i]) => ts(i.timestamp)],
      [INTEGER, (_, seq) => seq],
    ]);
    await mergeIdentifies(connection);
  }
}

/**
 * Identify calls merge traits (later calls win key by key) and link anonymous ids to the customer.
 * An anonymous id keeps the first customer it was linked to: re-linking would rewrite history.
 */
async function mergeIdentifies(connection: DuckDBConnection) {
  await connection.run(
    `INSERT INTO customers (workspace_id, id, traits, first_seen, last_seen)
     SELECT workspace_id, customer_id,
            list_reduce(list(coalesce(traits, '{}')::JSON ORDER BY seq), lambda a, b: json_merge_patch(a, b)),
            min(ts), max(ts)
     FROM stage_identifies GROUP BY workspace_id, customer_id
     ON CONFLICT DO UPDATE SET
       traits = json_merge_patch(coalesce(traits, '{}'::JSON), excluded.traits),
       first_seen = least(first_seen, excluded.first_seen),
       last_seen = greatest(last_seen, excluded.last_seen)`,
  );
  await connection.run(
    `INSERT INTO aliases
     SELECT workspace_id, anonymous_id, arg_min(customer_id, seq), min(ts) FROM stage_identifies
     WHERE anonymous_id IS NOT NULL GROUP BY workspace_id, anonymous_id
     ON CONFLICT DO NOTHING`,
  );
  await connection.run('DELETE FROM stage_identifies');
}
