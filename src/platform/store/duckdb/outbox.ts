import type { DuckDBConnection } from '@duckdb/node-api';
import type { DomainEvent, HeldCursor, StoredDomainEvent } from '../../events/domain-event.ts';
import { timestampValue } from './values.ts';

/** Waiters for one lock, in arrival order. */
class Mutex {
  private tail: Promise<void> = Promise.resolve();
  /** Resolves with the release once every earlier holder has released. */
  acquire(): Promise<() => void> {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const acquired = this.tail.then(() => release);
    this.tail = this.tail.then(() => held);
    return acquired;
  }
}

/**
 * The DuckDB outbox. Two connections write to it (ingest's group commit and the writer behind
 * `Store.write`), and their commits interleave. A reader that saw seq 7 committed before seq 6
 * would move its cursor past 6 and never deliver it. So an append takes a lock, numbers its rows
 * from a counter, and the caller releases the lock only after its COMMIT (or ROLLBACK): numbers
 * are handed out in commit order. The lock is held for one commit at most, and only by
 * transactions that append (most ingest groups append nothing). The counter starts after the
 * highest stored number; one handed to a transaction that rolled back (or died with the process)
 * was never visible, so a gap or its reuse after a restart skips nothing.
 */
export class DuckDbOutbox {
  private readonly lock = new Mutex();
  /** Subscribers whose cursor a delivery in this process holds: DuckDB has one process per file. */
  private readonly held = new Set<string>();

  private constructor(private next: number) {}

  static async load(connection: DuckDBConnection): Promise<DuckDbOutbox> {
    const reader = await connection.runAndReadAll('SELECT coalesce(max(seq), 0) AS seq FROM domain_events');
    return new DuckDbOutbox(Number(reader.getRowObjectsJS()[0]!.seq) + 1);
  }

  /**
   * Appends inside the caller's open transaction. Returns the release, to call after the COMMIT
   * or ROLLBACK that ends it; null (nothing held) when there was nothing to append.
   */
  async append(
    connection: DuckDBConnection,
    events: DomainEvent[],
    now: number,
  ): Promise<(() => void) | null> {
    if (events.length === 0) return null;
    const release = await this.lock.acquire();
    try {
      const values: string[] = [];
      const params: (string | number | ReturnType<typeof timestampValue>)[] = [];
      for (const event of events) {
        const at = params.length;
        values.push(`($${at + 1}, $${at + 2}, $${at + 3}, $${at + 4}, $${at + 5})`);
        params.push(
          this.next++,
          event.workspaceId,
          event.type,
          JSON.stringify(event.payload),
          timestampValue(now),
        );
      }
      await connection.run(`INSERT INTO domain_events VALUES ${values.join(', ')}`, params);
      return release;
    } catch (error) {
      release();
      throw error;
    }
  }

  async read(connection: DuckDBConnection, after: number, limit: number): Promise<StoredDomainEvent[]> {
    const reader = await connection.runAndReadAll(
      `SELECT seq, workspace_id, type, payload, epoch_ms(created_at) AS created_at
       FROM domain_events WHERE seq > $1 ORDER BY seq LIMIT $2`,
      [after, limit],
    );
    return reader.getRowObjectsJS().map((r) => ({
      seq: Number(r.seq),
      workspaceId: String(r.workspace_id),
      type: String(r.type),
      payload: JSON.parse(String(r.payload)) as unknown,
      createdAt: Number(r.created_at),
    }));
  }

  /**
   * Holds a subscriber's cursor in this process. `write` runs a statement in a transaction of
   * the store's writer; the advance is written once `work` has succeeded.
   */
  async hold<T>(
    subscriber: string,
    read: (sql: string, params: (string | number)[]) => Promise<Record<string, unknown>[]>,
    write: (sql: string, params: (string | number | ReturnType<typeof timestampValue>)[]) => Promise<void>,
    work: (cursor: HeldCursor) => Promise<T>,
  ): Promise<{ value: T } | null> {
    if (this.held.has(subscriber)) return null;
    this.held.add(subscriber);
    try {
      const [row] = await read('SELECT last_seq FROM event_cursors WHERE subscriber = $1', [subscriber]);
      const position = row ? Number(row.last_seq) : 0;
      let advanced = position;
      const value = await work({
        position,
        advance: async (to) => void (advanced = Math.max(advanced, to)),
      });
      if (advanced > position) {
        await write(
          `INSERT INTO event_cursors VALUES ($1, $2, $3)
           ON CONFLICT DO UPDATE SET last_seq = greatest(last_seq, excluded.last_seq), updated_at = excluded.updated_at`,
          [subscriber, advanced, timestampValue(Date.now())],
        );
      }
      return { value };
    } finally {
      this.held.delete(subscriber);
    }
  }
}
