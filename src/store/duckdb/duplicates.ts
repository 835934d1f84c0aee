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

/** The rows a selection kept. */
export interface Selection {
  items: SelectedItem[];
}
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

  /**
   * Splits the items' rows into new ones and duplicates, inside the caller's transaction (so the
   * confirmation of suspects also sees rows written earlier in it).
   */
  async select(connection: DuckDBConnection, items: WorkItem[], pending: Pending): Promise<Selection> {
    const keyed = items.map(({ workspaceId, batch }) => ({
      workspaceId,
      batch,
      eventKeys: keysOf(workspaceId, batch.events),
      feedbackKeys: keysOf(workspaceId, batch.feedback),
    }));
    const suspects = (table: Table) =>
      keyed.flatMap((k) =>
        table === 'events'
          ? this.suspects(table, k.workspaceId, k.batch.events, k.eventKeys, pending)
          : this.suspects(table, k.workspaceId, k.batch.feedback, k.feedbackKeys, pending),
      );
    const existing = {
      events: await this.confirm(connection, 'events', suspects('events')),
      feedback: await this.confirm(connection, 'feedback', suspects('feedback')),
    };
    const own: Accepted = { events: new Exact(), feedback: new Exact() };
    const selected = keyed.map((k) => {
      const events = fresh(
        k.workspaceId,
        k.batch.events,
        k.eventKeys,
        existing.events,
        own.events,
        pending.events,
      );
      const feedback = fresh(
        k.workspaceId,
        k.batch.feedback,
        k.feedbackKeys,
        existing.feedback,
        own.feedback,
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
    return { items: selected };
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
 * Ids accepted by one selection. Most rows are new, so the hash index answers; only on a hash hit
 * are the exact ids consulted, and they are only collected into a set once that first happens.
 */
class Exact {
  private readonly index = new IdIndex(1 << 12);
  private readonly accepted: string[] = [];
  private exact: Set<string> | null = null;

  has(local: string, key: [number, number]): boolean {
    if (!this.index.has(key)) return false;
    this.exact ??= new Set(this.accepted);
    return this.exact.has(local);
  }

  add(local: string, key: [number, number]): void {
    this.index.add(key);
    this.accepted.push(local);
    this.exact?.add(local);
  }
}

type Accepted = Record<Table, Exact>;

function fresh<T extends { id: string }>(
  workspaceId: string,
  rows: T[],
  keys: Keys,
  existing: Set<string>,
  own: Exact,
  pending: IdIndex,
): { rows: T[]; keys: Keys } {
  const out: T[] = [];
  const outKeys: Keys = { hi: [], lo: [] };
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const key: [number, number] = [keys.hi[i]!, keys.lo[i]!];
    const local = `${workspaceId}\u0000${row.id}`;
    if (existing.size > 0 && existing.has(local)) continue;
    if (own.has(local, key)) continue;
    own.add(local, key);
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
