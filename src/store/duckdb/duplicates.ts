import { listValue, type DuckDBConnection } from '@duckdb/node-api';
import type { EventRow, FeedbackRow } from '../../core/ingest/rows.ts';
import type { IngestBatch } from '../port.ts';
import { IdIndex, idKey } from './id-index.ts';

export interface WorkItem {
  workspaceId: string;
  batch: IngestBatch;
}

type Keyed<T> = T & { hi: number; lo: number };

/** What one work item contributes after duplicates are removed. */
export interface SelectedItem {
  workspaceId: string;
  events: Keyed<EventRow>[];
  feedback: Keyed<FeedbackRow>[];
  identifies: IngestBatch['identifies'];
  duplicates: number;
}

type Table = 'events' | 'feedback';

/**
 * Keeps ids unique per workspace without a database index: the committed ids live in an IdIndex
 * per table, ids written earlier in the open transaction in `pending`. A hit in either is checked
 * against the stored rows (which include the transaction's own), so only a real duplicate is dropped.
 */
export class DuplicateFilter {
  private constructor(private readonly committed: Record<Table, IdIndex>) {}

  static async load(connection: DuckDBConnection): Promise<DuplicateFilter> {
    const committed = { events: new IdIndex(), feedback: new IdIndex() };
    for (const table of ['events', 'feedback'] as const) {
      const reader = await connection.runAndReadAll(`SELECT id_hi, id_lo FROM ${table}`);
      const [hi, lo] = reader.getColumns() as number[][];
      for (let i = 0; i < (hi?.length ?? 0); i++) committed[table].add([hi![i]!, lo![i]!]);
    }
    return new DuplicateFilter(committed);
  }

  /** A fresh set of not-yet-committed ids for one transaction. */
  pending(): Record<Table, IdIndex> {
    return { events: new IdIndex(), feedback: new IdIndex() };
  }

  /** Marks a committed transaction's ids as stored. */
  commit(items: SelectedItem[]): void {
    for (const item of items) {
      for (const row of item.events) this.committed.events.add([row.hi, row.lo]);
      for (const row of item.feedback) this.committed.feedback.add([row.hi, row.lo]);
    }
  }

  async select(
    connection: DuckDBConnection,
    items: WorkItem[],
    pending: Record<Table, IdIndex>,
  ): Promise<SelectedItem[]> {
    const keyed = items.map(({ workspaceId, batch }) => ({
      workspaceId,
      events: batch.events.map((row) => withKey(workspaceId, row)),
      feedback: batch.feedback.map((row) => withKey(workspaceId, row)),
      identifies: batch.identifies,
    }));
    const existing = {
      events: await this.confirm(
        connection,
        'events',
        keyed.flatMap((k) => this.suspects('events', k.workspaceId, k.events, pending)),
      ),
      feedback: await this.confirm(
        connection,
        'feedback',
        keyed.flatMap((k) => this.suspects('feedback', k.workspaceId, k.feedback, pending)),
      ),
    };
    const seen = new Set<string>();
    return keyed.map((k) => {
      const fresh = <T extends { id: string; hi: number; lo: number }>(table: Table, rows: T[]) =>
        rows.filter((row) => {
          const local = `${table}\u0000${k.workspaceId}\u0000${row.id}`;
          if (existing[table].has(`${k.workspaceId}\u0000${row.id}`) || seen.has(local)) return false;
          seen.add(local);
          pending[table].add([row.hi, row.lo]);
          return true;
        });
      const events = fresh('events', k.events);
      const feedback = fresh('feedback', k.feedback);
      return {
        workspaceId: k.workspaceId,
        events,
        feedback,
        identifies: k.identifies,
        duplicates: k.events.length - events.length + k.feedback.length - feedback.length,
      };
    });
  }

  private suspects(
    table: Table,
    workspaceId: string,
    rows: Keyed<{ id: string }>[],
    pending: Record<Table, IdIndex>,
  ) {
    return rows
      .filter((row) => this.committed[table].has([row.hi, row.lo]) || pending[table].has([row.hi, row.lo]))
      .map((row) => [workspaceId, row.id] as const);
  }

  /** The suspected ids that really are stored, as `workspace\0id` strings. */
  private async confirm(connection: DuckDBConnection, table: Table, suspects: (readonly [string, string])[]) {
    const found = new Set<string>();
    if (suspects.length === 0) return found;
    const reader = await connection.runAndReadAll(
      `SELECT DISTINCT workspace_id, id FROM ${table} WHERE id IN (SELECT unnest($1::VARCHAR[]))`,
      [listValue([...new Set(suspects.map(([, id]) => id))])],
    );
    for (const [workspaceId, id] of reader.getRows() as [string, string][])
      found.add(`${workspaceId}\u0000${id}`);
    return found;
  }
}

function withKey<T extends { id: string }>(workspaceId: string, row: T): Keyed<T> {
  const [hi, lo] = idKey(workspaceId, row.id);
  return { ...row, hi, lo };
}
