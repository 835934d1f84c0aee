import type { DuckDBConnection } from '@duckdb/node-api';
import type { IngestBatch, IngestOutcome } from '../port.ts';
import type { DuplicateFilter, Selection, WorkItem } from './duplicates.ts';
import { writeSelected } from './ingest.ts';

interface Waiter {
  item: WorkItem;
  resolve: (outcome: IngestOutcome) => void;
  reject: (error: unknown) => void;
}

/** Serialises async sections (here: duplicate selection, which must see every earlier one). */
class Mutex {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(task: () => Promise<T>): Promise<T> {
    const next = this.tail.then(task, task);
    this.tail = next.catch(() => undefined);
    return next;
  }
}

const outcomeOf = (selection: Selection, index: number): IngestOutcome => {
  const item = selection.items[index]!;
  return {
    stored: item.events.length + item.feedback.length + item.identifies.length,
    duplicates: item.duplicates,
  };
};

/**
 * Group commit, pipelined over a few writer connections. Batches that arrive while others are being
 * written wait and then go in together, as one transaction (one write-ahead-log flush for many
 * requests; each request stays all-or-nothing because its items were validated before).
 * While one group commits, the next is selected and appended on another connection, so the
 * JavaScript work and DuckDB's commit overlap. Groups commit in the order they started; a group
 * whose predecessor failed fails too, because it may have counted that one's rows as duplicates.
 */
export class IngestPipeline {
  private readonly waiting: Waiter[] = [];
  private readonly free: DuckDBConnection[];
  private readonly selecting = new Mutex();
  private running = 0;
  /** Whether the most recently started group committed; the next group commits after it. */
  private tail: Promise<boolean> = Promise.resolve(true);
  private exclusive: Promise<unknown> | null = null;

  constructor(
    connections: DuckDBConnection[],
    private readonly duplicates: DuplicateFilter,
  ) {
    this.free = [...connections];
  }

  submit(item: WorkItem): Promise<IngestOutcome> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.pump();
    });
  }

  private pump() {
    while (!this.exclusive && this.waiting.length && this.free.length) {
      const connection = this.free.pop()!;
      const group = this.waiting.splice(0, this.waiting.length);
      this.running++;
      void this.runGroup(connection, group).finally(() => {
        this.free.push(connection);
        if (--this.running === 0) this.idleWaiters.splice(0).forEach((wake) => wake());
        this.pump();
      });
    }
  }

  private async runGroup(connection: DuckDBConnection, group: Waiter[]) {
    const previous = this.tail;
    let settle!: (committed: boolean) => void;
    this.tail = new Promise((resolve) => (settle = resolve));
    let selection: Selection | null = null;
    try {
      // Selected outside the transaction, so the confirmation of suspected duplicates reads
      // everything committed so far; rows of groups still in flight are checked in memory.
      selection = await this.selecting.run(() =>
        this.duplicates.select(
          connection,
          group.map((g) => g.item),
          this.duplicates.pending(),
        ),
      );
      await connection.run('BEGIN TRANSACTION');
      await writeSelected(connection, selection.items);
      if (!(await previous))
        throw new Error('an earlier write failed; nothing of this request was stored, retry it');
      await connection.run('COMMIT');
      selection.release(true);
      settle(true);
      group.forEach((g, i) => g.resolve(outcomeOf(selection!, i)));
    } catch (error) {
      await connection.run('ROLLBACK').catch(() => undefined);
      selection?.release(false);
      settle(false);
      for (const g of group) g.reject(error);
    }
  }

  /**
   * Runs many batches as one transaction (a file import) with no group in flight beside it.
   * `transaction` opens and closes the transaction on the connection it is given.
   */
  async runExclusive(
    transaction: <T>(work: (c: DuckDBConnection) => Promise<T>) => Promise<T>,
    workspaceId: string,
    batches: AsyncIterable<IngestBatch>,
  ): Promise<IngestOutcome> {
    while (this.exclusive) await this.exclusive;
    const run = (async () => {
      await this.idle();
      const pending = this.duplicates.pending();
      const selections: Selection[] = [];
      try {
        await transaction(async (c) => {
          for await (const batch of batches) {
            const selection = await this.duplicates.select(c, [{ workspaceId, batch }], pending);
            selections.push(selection);
            await writeSelected(c, selection.items);
          }
        });
      } catch (error) {
        for (const s of selections) s.release(false);
        throw error;
      }
      for (const s of selections) s.release(true);
      const outcomes = selections.map((s) => outcomeOf(s, 0));
      return {
        stored: outcomes.reduce((n, o) => n + o.stored, 0),
        duplicates: outcomes.reduce((n, o) => n + o.duplicates, 0),
      };
    })();
    this.exclusive = run;
    try {
      return await run;
    } finally {
      this.exclusive = null;
      this.pump();
    }
  }

  private idleWaiters: (() => void)[] = [];

  /** Resolves once every group in flight has committed or failed (before closing the connections). */
  async drain(): Promise<void> {
    while (this.waiting.length || this.running) await this.idle();
  }

  private idle(): Promise<void> {
    return this.running === 0 ? Promise.resolve() : new Promise((resolve) => this.idleWaiters.push(resolve));
  }
}
