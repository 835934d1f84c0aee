import type { DuckDBConnection } from '@duckdb/node-api';
import type { DomainEvent } from '../../events/domain-event.ts';
import type { IngestBatch, IngestOutcome, WriteResult } from '../port.ts';
import { batchDomainEvents } from '../shared/domain-events.ts';
import type { DuplicateFilter, SelectedItem } from './duplicates.ts';
import { runAll } from './grouped-writes.ts';
import { prepare, writeSelected, type PreparedItem } from './ingest.ts';
import type { DuckDbOutbox } from './outbox.ts';

interface Waiter {
  item: PreparedItem;
  resolve: (outcome: IngestOutcome) => void;
  reject: (error: unknown) => void;
}

/** What one list of items wrote: their selections and their statements' results. */
interface Written {
  selected: SelectedItem[];
  results: (WriteResult[] | undefined)[];
}

const outcomeOf = (item: SelectedItem, results: WriteResult[] | undefined): IngestOutcome => ({
  stored: item.events.length + item.feedback.length + item.identifies.length,
  duplicates: item.duplicates,
  ...(results ? { results } : {}),
});

/** How long an empty transaction begun ahead waits for a group before it is closed. */
const IDLE_MS = 50;

/**
 * How much write-ahead log the pipeline checkpoints when it has time to spare. DuckDB checkpoints
 * by itself at 64 MB (DUCKDB_SETTINGS), holding up commits for about 0.3 s: the cheapest way under
 * full load. Below it, a checkpoint at 16 MB holds up the next requests for less than half as long.
 */
export const SPARE_CHECKPOINT_BYTES = 16 * 1024 * 1024;
/** Time to spare: the pipeline was busy less than this share of the last second. */
const SPARE_BELOW = 0.6;

/**
 * Group commit on the ingest connection. Batches that arrive while a group is being written wait
 * and then go in together, as one transaction: one write-ahead-log flush for many requests, and
 * each request stays all-or-nothing because its items were validated before it got here. A batch
 * is made ready for writing (ids hashed, rows in appender chunks) as soon as it is submitted.
 *
 * One connection, one group at a time: a second connection appending beside it was measured to
 * be slower, because the appender's synchronous flush waits on the other connection's commit.
 */
export class IngestPipeline {
  private readonly waiting: Waiter[] = [];
  /** Every transaction on the connection runs in this chain, one after the other. */
  private chain: Promise<unknown> = Promise.resolve();
  private drainScheduled = false;
  /** Set while an empty transaction, begun by the last commit for the next group, is open. */
  private begun = false;
  private idleTimer: NodeJS.Timeout | undefined;

  /** When recent groups started and ended (performance.now()), for the share of time busy. */
  private readonly recent: [number, number][] = [];

  constructor(
    private readonly connection: DuckDBConnection,
    private readonly duplicates: DuplicateFilter,
    private readonly outbox: DuckDbOutbox,
    /** The size of the write-ahead log now, in bytes (0 for a database in memory). */
    private readonly walBytes: () => number = () => 0,
    private readonly spareCheckpointBytes = SPARE_CHECKPOINT_BYTES,
  ) {}

  submit(workspaceId: string, batch: IngestBatch): Promise<IngestOutcome> {
    let item: PreparedItem;
    try {
      batchDomainEvents(workspaceId, batch); // refused here, alone, rather than failing its group
      item = prepare(workspaceId, batch);
    } catch (error) {
      return Promise.reject(error); // a batch that cannot even be prepared fails alone
    }
    return new Promise((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (!this.drainScheduled) {
        this.drainScheduled = true;
        void this.enqueue(async () => {
          this.drainScheduled = false;
          while (this.waiting.length) await this.runGroup(this.waiting.splice(0, this.waiting.length));
          await this.checkpointIfSpare();
        });
      }
    });
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const next = this.chain.then(task, task);
    this.chain = next.catch(() => undefined);
    return next;
  }

  private async runGroup(group: Waiter[]) {
    const start = performance.now();
    try {
      const [written] = await this.transaction([group.map((g) => g.item)]);
      group.forEach((g, i) => g.resolve(outcomeOf(written!.selected[i]!, written!.results[i])));
    } catch (error) {
      // A batch's statements may fail on purpose (a survey answer's guard against a concurrent
      // different answer): each batch of the group then goes again alone, so only that one fails
      // and the others are not refused for it. Ids the failed group selected are only suspects now
      // (see DuplicateFilter), so nothing is counted as a duplicate for it.
      if (group.length === 1) group[0]!.reject(error);
      else
        for (const g of group) {
          await this.transaction([[g.item]]).then(
            ([written]) => g.resolve(outcomeOf(written!.selected[0]!, written!.results[0])),
            g.reject,
          );
        }
    }
    const end = performance.now();
    this.recent.push([start, end]);
    while (this.recent[0]![1] <= end - 1000) this.recent.shift();
  }

  /** The share of the last second spent writing groups. */
  private busyShare(): number {
    const since = performance.now() - 1000;
    return this.recent.reduce((ms, [start, end]) => ms + Math.max(0, end - Math.max(start, since)), 0) / 1000;
  }

  /**
   * Writes each list of items with its own duplicate selection, all in one transaction. The
   * selection confirms suspected duplicates inside the transaction, so it sees the rows that
   * earlier selections of the same transaction wrote.
   *
   * The commit begins the next transaction in the same call. Each call to the database waits its
   * turn on the busy event loop, and under load a separate BEGIN cost more than a millisecond
   * per group, most of the time it takes to write one; begun ahead, it is off the path. If no
   * group comes within IDLE_MS, the empty transaction is closed.
   *
   * The batches' domain events go into the outbox last, just before the commit: the outbox lock
   * (see DuckDbOutbox) is then held for the commit only, and not at all when none were given.
   */
  private async transaction(
    lists: Iterable<PreparedItem[]> | AsyncIterable<PreparedItem[]>,
  ): Promise<Written[]> {
    const c = this.connection;
    const selections: Written[] = [];
    const domainEvents: DomainEvent[] = [];
    let release: (() => void) | null = null;
    if (!this.begun) await c.run('BEGIN TRANSACTION');
    this.begun = false;
    try {
      for await (const items of lists) {
        for (const item of items) domainEvents.push(...batchDomainEvents(item.workspaceId, item.batch));
        const selected = await this.duplicates.select(c, items);
        await writeSelected(c, items, selected);
        const results: (WriteResult[] | undefined)[] = [];
        for (const item of items)
          results.push(item.batch.statements ? await runAll(c, item.batch.statements) : undefined);
        selections.push({ selected, results });
      }
      release = await this.outbox.append(c, domainEvents, Date.now());
      await c.run('COMMIT; BEGIN TRANSACTION');
      this.begun = true;
      this.closeWhenIdle();
    } catch (error) {
      await c.run('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      release?.();
    }
    return selections;
  }

  private closeWhenIdle() {
    clearTimeout(this.idleTimer);
    // A failed empty COMMIT leaves no transaction either, so there is nothing to handle.
    this.idleTimer = setTimeout(() => this.enqueue(() => this.endBegun()).catch(() => undefined), IDLE_MS);
    this.idleTimer.unref();
  }

  /** With nothing waiting, time to spare and enough log written, checkpoints before the next burst. */
  private async checkpointIfSpare() {
    if (this.walBytes() < this.spareCheckpointBytes || this.busyShare() >= SPARE_BELOW) return;
    try {
      await this.endBegun();
      await this.connection.run('CHECKPOINT');
    } catch {
      // Refused while another connection is writing: DuckDB's own checkpoint comes later.
    }
  }

  /** Ends the empty transaction begun ahead, if one is open. */
  private async endBegun() {
    if (!this.begun) return;
    this.begun = false;
    await this.connection.run('COMMIT');
  }

  /** Runs many batches as one transaction (a file import), between groups. */
  runExclusive(workspaceId: string, batches: AsyncIterable<IngestBatch>): Promise<IngestOutcome> {
    return this.enqueue(async () => {
      async function* lists() {
        for await (const batch of batches) yield [prepare(workspaceId, batch)];
      }
      const outcomes = (await this.transaction(lists())).map((w) => outcomeOf(w.selected[0]!, w.results[0]));
      return {
        stored: outcomes.reduce((n, o) => n + o.stored, 0),
        duplicates: outcomes.reduce((n, o) => n + o.duplicates, 0),
      };
    });
  }

  /** Resolves once everything submitted so far is written and no transaction is open. */
  async drain(): Promise<void> {
    clearTimeout(this.idleTimer);
    await this.enqueue(() => this.endBegun());
  }
}
