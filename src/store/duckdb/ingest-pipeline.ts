import type { DuckDBConnection } from '@duckdb/node-api';
import type { IngestBatch, IngestOutcome } from '../port.ts';
import type { DuplicateFilter, SelectedItem, WorkItem } from './duplicates.ts';
import { writeSelected } from './ingest.ts';

interface Waiter {
  item: WorkItem;
  resolve: (outcome: IngestOutcome) => void;
  reject: (error: unknown) => void;
}

const outcomeOf = (item: SelectedItem): IngestOutcome => ({
  stored: item.events.length + item.feedback.length + item.identifies.length,
  duplicates: item.duplicates,
});

/**
 * Group commit on the ingest connection. Batches that arrive while a group is being written wait
 * and then go in together, as one transaction: one write-ahead-log flush for many requests, and
 * each request stays all-or-nothing because its items were validated before it got here.
 *
 * One connection, one group at a time: a second connection appending beside it was measured to
 * be slower, because the appender's synchronous flush waits on the other connection's commit.
 */
export class IngestPipeline {
  private readonly waiting: Waiter[] = [];
  /** Every transaction on the connection runs in this chain, one after the other. */
  private chain: Promise<unknown> = Promise.resolve();
  private drainScheduled = false;
  /** Set when the last group's commit already began the next group's transaction. */
  private begun = false;

  constructor(
    private readonly connection: DuckDBConnection,
    private readonly duplicates: DuplicateFilter,
  ) {}

  submit(item: WorkItem): Promise<IngestOutcome> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (!this.drainScheduled) {
        this.drainScheduled = true;
        void this.enqueue(async () => {
          this.drainScheduled = false;
          while (this.waiting.length) await this.runGroup(this.waiting.splice(0, this.waiting.length));
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
    try {
      const [selected] = await this.transaction([group.map((g) => g.item)], () => this.waiting.length > 0);
      group.forEach((g, i) => g.resolve(outcomeOf(selected![i]!)));
    } catch (error) {
      for (const g of group) g.reject(error);
    }
  }

  /**
   * Writes each list of items with its own duplicate selection, all in one transaction. The
   * selection confirms suspected duplicates inside the transaction, so it sees the rows that
   * earlier selections of the same transaction wrote.
   *
   * When `more` says another group is already waiting, the commit also begins its transaction,
   * in the same call: each call to the database waits its turn on the busy event loop, which
   * under load cost more than the BEGIN itself. Only a group that follows at once gets this, so
   * no transaction is ever left open while ingest is idle.
   */
  private async transaction(
    lists: Iterable<WorkItem[]> | AsyncIterable<WorkItem[]>,
    more: () => boolean = () => false,
  ): Promise<SelectedItem[][]> {
    const c = this.connection;
    const selections: SelectedItem[][] = [];
    if (!this.begun) await c.run('BEGIN TRANSACTION');
    this.begun = false;
    try {
      for await (const items of lists) {
        const selected = await this.duplicates.select(c, items);
        selections.push(selected);
        await writeSelected(c, selected);
      }
      const chained = more();
      await c.run(chained ? 'COMMIT; BEGIN TRANSACTION' : 'COMMIT');
      this.begun = chained;
    } catch (error) {
      await c.run('ROLLBACK').catch(() => undefined);
      throw error;
    }
    return selections;
  }

  /** Runs many batches as one transaction (a file import), between groups. */
  runExclusive(workspaceId: string, batches: AsyncIterable<IngestBatch>): Promise<IngestOutcome> {
    return this.enqueue(async () => {
      async function* lists() {
        for await (const batch of batches) yield [{ workspaceId, batch }];
      }
      const outcomes = (await this.transaction(lists())).map((s) => outcomeOf(s[0]!));
      return {
        stored: outcomes.reduce((n, o) => n + o.stored, 0),
        duplicates: outcomes.reduce((n, o) => n + o.duplicates, 0),
      };
    });
  }

  /** Resolves once everything submitted so far is written (before the connection closes). */
  async drain(): Promise<void> {
    await this.enqueue(async () => undefined);
  }
}
