import type { TransactionSql } from 'postgres';
import type { DomainEvent, HeldCursor, StoredDomainEvent } from '../../events/domain-event.ts';
import type { Client } from './connect.ts';

/** Any constant works; it only has to be the same in every cxloop process (and not the migration lock). */
const OUTBOX_LOCK = 7_400_215_002;

/**
 * Appends domain events inside the caller's transaction, as its last statement.
 *
 * A sequence hands out numbers in the order transactions ask, not the order they commit: with
 * seq 6 still uncommitted, a reader could see 7, move its cursor past 6, and never deliver it.
 * So appends are serialised by a transaction-scoped advisory lock taken just before the insert:
 * the number is drawn under the lock, and the lock is released only after the commit is visible,
 * so numbers become visible in order. Only transactions that append take it, and they hold it for
 * the insert and the commit; the ingest of rows nobody watches never waits on it. The other ways
 * (reading only below the oldest running transaction's snapshot, or a commit-time sequence) need
 * either a per-read `pg_snapshot_xmin` dance that still lets a late committer slip under a cursor,
 * or an extension.
 */
export async function appendOutbox(tx: TransactionSql, events: DomainEvent[]): Promise<void> {
  if (events.length === 0) return;
  await tx.unsafe('SELECT pg_advisory_xact_lock($1)', [OUTBOX_LOCK]);
  await tx.unsafe(
    `INSERT INTO domain_events (workspace_id, type, payload, created_at)
     SELECT workspace_id, type, payload::json, now()
     FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS r(workspace_id, type, payload, n)
     ORDER BY n`,
    [
      events.map((e) => e.workspaceId),
      events.map((e) => e.type),
      events.map((e) => JSON.stringify(e.payload)),
    ],
  );
}

export async function readOutbox(sql: Client, after: number, limit: number): Promise<StoredDomainEvent[]> {
  const rows = await sql.unsafe(
    `SELECT seq, workspace_id, type, payload::text AS payload, created_at
     FROM domain_events WHERE seq > $1 ORDER BY seq LIMIT $2`,
    [after, limit],
  );
  return rows.map((r) => ({
    seq: Number(r.seq),
    workspaceId: String(r.workspace_id),
    type: String(r.type),
    payload: JSON.parse(String(r.payload)) as unknown,
    createdAt: Number(r.created_at),
  }));
}

/**
 * Holds a subscriber's cursor row locked (FOR UPDATE SKIP LOCKED) in a transaction for as long
 * as `work` runs: another process finds it locked and passes. If this process dies, the server
 * ends its transaction and the lock goes with it, so a restarted or other process resumes at once
 * (a lease would have to run out first). The advance commits with the transaction, after `work`
 * succeeded; the handler's own writes commit before it, so a crash between them re-delivers.
 */
export async function holdCursor<T>(
  sql: Client,
  subscriber: string,
  work: (cursor: HeldCursor) => Promise<T>,
): Promise<{ value: T } | null> {
  await sql.unsafe('INSERT INTO event_cursors VALUES ($1, 0, now()) ON CONFLICT (subscriber) DO NOTHING', [
    subscriber,
  ]);
  const result = await sql.begin(async (tx) => {
    const [row] = await tx.unsafe(
      'SELECT last_seq FROM event_cursors WHERE subscriber = $1 FOR UPDATE SKIP LOCKED',
      [subscriber],
    );
    if (!row) return null;
    const value = await work({
      position: Number(row.last_seq),
      advance: async (to) => {
        await tx.unsafe(
          'UPDATE event_cursors SET last_seq = greatest(last_seq, $2), updated_at = now() WHERE subscriber = $1',
          [subscriber, to],
        );
      },
    });
    return { value };
  });
  return result as { value: T } | null;
}
