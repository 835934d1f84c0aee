import { listValue, type DuckDBConnection } from '@duckdb/node-api';
import type { EventRow, FeedbackRow } from '../../core/ingest/rows.ts';
import type { IngestBatch } from '../port.ts';
import { IdIndex, idKey } from './id-index.ts';

export interface WorkItem {
  workspaceId: string;
  batch: IngestBatch;
}

/** The 64-bit id hashes of a list of rows, as parallel arrays of halves. */
export interface Keys {
  hi: number[];
  lo: number[];
}

/** What one work item contributes after duplicates are removed. */
export interface SelectedItem {
  workspaceId: string;
  events: EventRow[];
  eventKeys: Keys;
  feedback: FeedbackRow[];
  feedbackKeys: Keys;
  identifies: IngestBatch['identifies'];
  duplicates: number;
}

type Table = 'events' | 'feedback';
export type Pending = Record<Table, IdIndex>;

/**
 * Keeps ids unique per workspace without a database index: the committed ids live in an IdIndex
 * per table, ids written earlier in the open transaction in `pending`. A hash hit is only a
 * suspicion: it is confirmed against the stored rows (which include the transaction's own), and a
 * hit within the same call against the exact ids, so only a real duplicate is ever dropped.
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
  pending(): Pending {
    return { events: new IdIndex(), feedback: new IdIndex() };
  }

  /** Marks a committed transaction's ids as stored. */
  commit(items: SelectedItem[]): void {
    for (const item of items) {
      addAll(this.committed.events, item.eventKeys);
      addAll(this.committed.feedback, item.feedbackKeys);
    }
  }

  async select(connection: DuckDBConnection, items: WorkItem[], pending: Pending): Promise<SelectedItem[]> {
    const keyed = items.map(({ workspaceId, batch }) => ({
      workspaceId,
      batch,
      eventKeys: keysOf(workspaceId, batch.events),
      feedbackKeys: keysOf(workspaceId, batch.feedback),
    }));
    const existing = {
      events: await this.confirm(
        connection,
        'events',
        keyed.flatMap((k) => this.suspects('events', k.workspaceId, k.batch.events, k.eventKeys, pending)),
      ),
      feedback: await this.confirm(
        connection,
        'feedback',
        keyed.flatMap((k) =>
          this.suspects('feedback', k.workspaceId, k.batch.feedback, k.feedbackKeys, pending),
        ),
      ),
    };
    const seen = { events: new Exact(), feedback: new Exact() };
    return keyed.map((k) => {
      const events = fresh(
        k.workspaceId,
        k.batch.events,
        k.eventKeys,
        existing.events,
        seen.events,
        pending.events,
      );
      const feedback = fresh(
        k.workspaceId,
        k.batch.feedback,
        k.feedbackKeys,
        existing.feedback,
        seen.feedback,
        pending.feedback,
      );
      return {
        workspaceId: k.workspaceId,
        events: events.rows,
        eventKeys: events.keys,
        feedback: feedback.rows,
        feedbackKeys: feedback.keys,
        identifies: k.batch.identifies,
        duplicates:
          k.batch.events.length - events.rows.length + k.batch.feedback.length - feedback.rows.length,
      };
    });
  }

  private suspects(table: Table, workspaceId: string, rows: { id: string }[], keys: Keys, pending: Pending) {
    const out: string[] = [];
    for (let i = 0; i < rows.length; i++) {
      const key: [number, number] = [keys.hi[i]!, keys.lo[i]!];
      if (this.committed[table].has(key) || pending[table].has(key)) out.push(rows[i]!.id);
    }
    return out.map((id) => [workspaceId, id] as const);
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

/**
 * Ids accepted so far in one call. Most rows are new, so the hash index answers; only on a hash
 * hit are the exact ids consulted, and they are only collected once that first happens.
 */
class Exact {
  private readonly index = new IdIndex(1 << 12);
  private readonly accepted: string[] = [];
  private exact: Set<string> | null = null;

  /** True if this exact id was accepted before; otherwise records it. */
  seenBefore(local: string, key: [number, number]): boolean {
    if (this.index.has(key)) {
      this.exact ??= new Set(this.accepted);
      if (this.exact.has(local)) return true;
    }
    this.index.add(key);
    this.accepted.push(local);
    this.exact?.add(local);
    return false;
  }
}

function fresh<T extends { id: string }>(
  workspaceId: string,
  rows: T[],
  keys: Keys,
  existing: Set<string>,
  seen: Exact,
  pending: IdIndex,
): { rows: T[]; keys: Keys } {
  const out: T[] = [];
  const outKeys: Keys = { hi: [], lo: [] };
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const key: [number, number] = [keys.hi[i]!, keys.lo[i]!];
    const local = `${workspaceId}\u0000${row.id}`;
    if (existing.size > 0 && existing.has(local)) continue;
    if (seen.seenBefore(local, key)) continue;
    pending.add(key);
    out.push(row);
    outKeys.hi.push(key[0]);
    outKeys.lo.push(key[1]);
  }
  return { rows: out, keys: outKeys };
}

function keysOf(workspaceId: string, rows: { id: string }[]): Keys {
  const keys: Keys = { hi: new Array(rows.length), lo: new Array(rows.length) };
  for (let i = 0; i < rows.length; i++) {
    const [hi, lo] = idKey(workspaceId, rows[i]!.id);
    keys.hi[i] = hi;
    keys.lo[i] = lo;
  }
  return keys;
}

function addAll(index: IdIndex, keys: Keys) {
  for (let i = 0; i < keys.hi.length; i++) index.add([keys.hi[i]!, keys.lo[i]!]);
}
