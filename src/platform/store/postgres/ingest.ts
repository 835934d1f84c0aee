import type { Sql, TransactionSql } from 'postgres';
import type { EventRow, FeedbackRow, IdentifyRow } from '../../../core/ingest/rows.ts';
import type { IngestBatch, IngestOutcome } from '../port.ts';

/**
 * Batches go in as one multi-row INSERT per table: each column is one array parameter, unnested
 * on the server, so a 500-row batch is one round trip whatever its size. The unique index decides
 * what is new (ON CONFLICT DO NOTHING), and the inserted-row count is the reply's `stored`: two
 * processes retrying the same batch at once both wait on the index, and exactly one stores it.
 *
 * Rows are inserted in id order, so transactions that overlap take their index locks in the same
 * order and cannot deadlock on each other.
 */

const ms = (column: string) => `to_timestamp(${column} / 1000)`;

const INSERT_EVENTS = `
  INSERT INTO events (workspace_id, id, customer_id, anonymous_id, name, touchpoint, ts, received_at, properties, context)
  SELECT $1, id, customer_id, anonymous_id, name, touchpoint, ${ms('ts')}, ${ms('received_at')}, properties::jsonb, context::jsonb
  FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::float8[], $8::float8[], $9::text[], $10::text[])
    AS r(id, customer_id, anonymous_id, name, touchpoint, ts, received_at, properties, context)
  ORDER BY id
  ON CONFLICT (workspace_id, id) DO NOTHING`;

const INSERT_FEEDBACK = `
  INSERT INTO feedback (workspace_id, id, customer_id, touchpoint, metric, score, scale_min, scale_max, comment, ts, received_at, source)
  SELECT $1, id, customer_id, touchpoint, metric, score, scale_min, scale_max, comment, ${ms('ts')}, ${ms('received_at')}, source
  FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::float8[], $7::int[], $8::int[], $9::text[], $10::float8[], $11::float8[], $12::text[])
    AS r(id, customer_id, touchpoint, metric, score, scale_min, scale_max, comment, ts, received_at, source)
  ORDER BY id
  ON CONFLICT (workspace_id, id) DO NOTHING`;

/** Identify calls in the order they came, numbered, as the two statements below read them. */
const IDENTIFIES = `
  identifies AS (
    SELECT customer_id, anonymous_id, coalesce(traits, '{}')::jsonb AS traits, ts, seq
    FROM unnest($2::text[], $3::text[], $4::text[], $5::float8[]) WITH ORDINALITY AS r(customer_id, anonymous_id, traits, ts, seq)
  )`;

/** Traits merge key by key, later calls winning; first and last seen widen. */
const UPSERT_CUSTOMERS = `
  WITH ${IDENTIFIES}
  INSERT INTO customers (workspace_id, id, traits, first_seen, last_seen)
  SELECT $1, customer_id, merge_patches(traits ORDER BY seq), ${ms('min(ts)')}, ${ms('max(ts)')}
  FROM identifies GROUP BY customer_id ORDER BY customer_id
  ON CONFLICT (workspace_id, id) DO UPDATE SET
    traits = json_merge_patch(coalesce(customers.traits, '{}'), excluded.traits),
    first_seen = least(customers.first_seen, excluded.first_seen),
    last_seen = greatest(customers.last_seen, excluded.last_seen)`;

/** An anonymous id keeps the first customer it was linked to: re-linking would rewrite history. */
const LINK_ALIASES = `
  WITH ${IDENTIFIES}
  INSERT INTO aliases (workspace_id, anonymous_id, customer_id, created_at)
  SELECT DISTINCT ON (anonymous_id) $1, anonymous_id, customer_id, ${ms('min(ts) OVER (PARTITION BY anonymous_id)')}
  FROM identifies WHERE anonymous_id IS NOT NULL
  ORDER BY anonymous_id, seq
  ON CONFLICT (workspace_id, anonymous_id) DO NOTHING`;

const eventColumns = (rows: EventRow[]) => [
  rows.map((e) => e.id),
  rows.map((e) => e.customerId),
  rows.map((e) => e.anonymousId),
  rows.map((e) => e.name),
  rows.map((e) => e.touchpoint),
  rows.map((e) => e.timestamp),
  rows.map((e) => e.receivedAt),
  rows.map((e) => e.properties),
  rows.map((e) => e.context),
];

const feedbackColumns = (rows: FeedbackRow[]) => [
  rows.map((f) => f.id),
  rows.map((f) => f.customerId),
  rows.map((f) => f.touchpoint),
  rows.map((f) => f.metric),
  rows.map((f) => f.score),
  rows.map((f) => f.scaleMin),
  rows.map((f) => f.scaleMax),
  rows.map((f) => f.comment),
  rows.map((f) => f.timestamp),
  rows.map((f) => f.receivedAt),
  rows.map((f) => f.source),
];

const identifyColumns = (rows: IdentifyRow[]) => [
  rows.map((i) => i.customerId),
  rows.map((i) => i.anonymousId),
  rows.map((i) => i.traits),
  rows.map((i) => i.timestamp),
];

type Params = Parameters<Sql['unsafe']>[1];

async function insert(tx: TransactionSql, sql: string, workspaceId: string, columns: unknown[][]) {
  // Prepared once per connection: the statement text never changes.
  const result = await tx.unsafe(sql, [workspaceId, ...columns] as Params, { prepare: true });
  return result.count;
}

/** Writes one batch inside the caller's transaction and says how much of it was new. */
export async function writeBatch(
  tx: TransactionSql,
  workspaceId: string,
  batch: IngestBatch,
): Promise<IngestOutcome> {
  const { events, feedback, identifies } = batch;
  const newEvents = events.length ? await insert(tx, INSERT_EVENTS, workspaceId, eventColumns(events)) : 0;
  const newFeedback = feedback.length
    ? await insert(tx, INSERT_FEEDBACK, workspaceId, feedbackColumns(feedback))
    : 0;
  if (identifies.length) {
    const columns = identifyColumns(identifies);
    await insert(tx, UPSERT_CUSTOMERS, workspaceId, columns);
    await insert(tx, LINK_ALIASES, workspaceId, columns);
  }
  return {
    stored: newEvents + newFeedback + identifies.length,
    duplicates: events.length - newEvents + feedback.length - newFeedback,
  };
}
