import {
  DuckDBDataChunk,
  DOUBLE,
  INTEGER,
  TIMESTAMP,
  VARCHAR,
  type DuckDBConnection,
} from '@duckdb/node-api';
import type { IngestBatch, IngestOutcome } from '../port.ts';
import { timestampValue } from './values.ts';

/** DuckDB data chunks hold at most this many rows. */
const CHUNK = 2048;

function appendColumns(
  appender: Awaited<ReturnType<DuckDBConnection['createAppender']>>,
  types: Parameters<typeof DuckDBDataChunk.create>[0],
  rows: number,
  column: (c: number, from: number, to: number) => unknown[],
) {
  for (let from = 0; from < rows; from += CHUNK) {
    const to = Math.min(rows, from + CHUNK);
    const chunk = DuckDBDataChunk.create(types, to - from);
    chunk.setColumns(types.map((_, c) => column(c, from, to)) as never);
    appender.appendDataChunk(chunk);
  }
  appender.flushSync();
  appender.closeSync();
}

const ts = (ms: number) => timestampValue(ms);

/**
 * Moves one validated batch into the tables inside the caller's transaction. Rows go to the temp
 * staging tables through the appender (the fast path), then into the real tables with
 * ON CONFLICT DO NOTHING so an id seen before is not stored again.
 */
export async function ingestBatch(
  connection: DuckDBConnection,
  workspaceId: string,
  batch: IngestBatch,
): Promise<IngestOutcome> {
  const { events, feedback, identifies } = batch;
  let inserted = 0;
  const ws = [workspaceId];
  if (events.length) {
    const appender = await connection.createAppender('stage_events', 'main', 'temp');
    appendColumns(
      appender,
      [VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR, TIMESTAMP, TIMESTAMP, VARCHAR, VARCHAR],
      events.length,
      (c, from, to) => {
        const slice = events.slice(from, to);
        switch (c) {
          case 0:
            return slice.map((e) => e.id);
          case 1:
            return slice.map((e) => e.customerId);
          case 2:
            return slice.map((e) => e.anonymousId);
          case 3:
            return slice.map((e) => e.name);
          case 4:
            return slice.map((e) => e.touchpoint);
          case 5:
            return slice.map((e) => ts(e.timestamp));
          case 6:
            return slice.map((e) => ts(e.receivedAt));
          case 7:
            return slice.map((e) => e.properties);
          default:
            return slice.map((e) => e.context);
        }
      },
    );
    const result = await connection.run(
      `INSERT INTO events SELECT $1, id, customer_id, anonymous_id, name, touchpoint, ts, received_at, properties::JSON, context::JSON
       FROM stage_events ON CONFLICT DO NOTHING`,
      ws,
    );
    inserted += result.rowsChanged;
    await connection.run(
      `INSERT INTO customers (workspace_id, id, first_seen, last_seen)
       SELECT $1, customer_id, min(ts), max(ts) FROM stage_events WHERE customer_id IS NOT NULL GROUP BY customer_id
       ON CONFLICT DO UPDATE SET first_seen = least(first_seen, excluded.first_seen), last_seen = greatest(last_seen, excluded.last_seen)`,
      ws,
    );
    await connection.run('DELETE FROM stage_events');
  }
  if (feedback.length) {
    const appender = await connection.createAppender('stage_feedback', 'main', 'temp');
    const types = [
      VARCHAR,
      VARCHAR,
      VARCHAR,
      VARCHAR,
      DOUBLE,
      INTEGER,
      INTEGER,
      VARCHAR,
      TIMESTAMP,
      TIMESTAMP,
      VARCHAR,
    ];
    appendColumns(appender, types, feedback.length, (c, from, to) => {
      const slice = feedback.slice(from, to);
      switch (c) {
        case 0:
          return slice.map((f) => f.id);
        case 1:
          return slice.map((f) => f.customerId);
        case 2:
          return slice.map((f) => f.touchpoint);
        case 3:
          return slice.map((f) => f.metric);
        case 4:
          return slice.map((f) => f.score);
        case 5:
          return slice.map((f) => f.scaleMin);
        case 6:
          return slice.map((f) => f.scaleMax);
        case 7:
          return slice.map((f) => f.comment);
        case 8:
          return slice.map((f) => ts(f.timestamp));
        case 9:
          return slice.map((f) => ts(f.receivedAt));
        default:
          return slice.map((f) => f.source);
      }
    });
    const result = await connection.run(
      `INSERT INTO feedback SELECT $1, * FROM stage_feedback ON CONFLICT DO NOTHING`,
      ws,
    );
    inserted += result.rowsChanged;
    await connection.run(
      `INSERT INTO customers (workspace_id, id, first_seen, last_seen)
       SELECT $1, customer_id, min(ts), max(ts) FROM stage_feedback GROUP BY customer_id
       ON CONFLICT DO UPDATE SET first_seen = least(first_seen, excluded.first_seen), last_seen = greatest(last_seen, excluded.last_seen)`,
      ws,
    );
    await connection.run('DELETE FROM stage_feedback');
  }
  if (identifies.length) {
    const appender = await connection.createAppender('stage_identifies', 'main', 'temp');
    appendColumns(
      appender,
      [VARCHAR, VARCHAR, VARCHAR, TIMESTAMP, INTEGER],
      identifies.length,
      (c, from, to) => {
        const slice = identifies.slice(from, to);
        switch (c) {
          case 0:
            return slice.map((i) => i.customerId);
          case 1:
            return slice.map((i) => i.anonymousId);
          case 2:
            return slice.map((i) => i.traits);
          case 3:
            return slice.map((i) => ts(i.timestamp));
          default:
            return slice.map((_, k) => from + k);
        }
      },
    );
    await mergeIdentifies(connection, workspaceId);
  }
  return { stored: inserted + identifies.length, duplicates: events.length + feedback.length - inserted };
}

/**
 * Identify calls merge traits (later calls win key by key) and link anonymous ids to the customer.
 * An anonymous id keeps the first customer it was linked to: re-linking would rewrite history.
 */
async function mergeIdentifies(connection: DuckDBConnection, workspaceId: string) {
  const ws = [workspaceId];
  // Fold the batch's identifies per customer in arrival order, then merge into the stored traits.
  await connection.run(
    `INSERT INTO customers (workspace_id, id, traits, first_seen, last_seen)
     SELECT $1, customer_id,
            list_reduce(list(coalesce(traits, '{}')::JSON ORDER BY seq), lambda a, b: json_merge_patch(a, b)),
            min(ts), max(ts)
     FROM stage_identifies GROUP BY customer_id
     ON CONFLICT DO UPDATE SET
       traits = json_merge_patch(coalesce(traits, '{}'::JSON), excluded.traits),
       first_seen = least(first_seen, excluded.first_seen),
       last_seen = greatest(last_seen, excluded.last_seen)`,
    ws,
  );
  await connection.run(
    `INSERT INTO aliases
     SELECT $1, anonymous_id, arg_min(customer_id, seq), min(ts) FROM stage_identifies
     WHERE anonymous_id IS NOT NULL GROUP BY anonymous_id
     ON CONFLICT DO NOTHING`,
    ws,
  );
  await connection.run('DELETE FROM stage_identifies');
}
