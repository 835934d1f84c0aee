import { listValue, type DuckDBConnection } from '@duckdb/node-api';
import type { EventRow, FeedbackRow } from '../../../core/ingest/rows.ts';
import type { IngestBatch } from '../port.ts';
import { IdIndex, idKeyInto } from './id-index.ts';

/** The 64-bit id hashes of a list of rows, as parallel arrays of halves. */
export interface Keys {
  hi: Uint32Array;
  lo: Uint32Array;
}

/** A batch of one workspace with the id hashes of its events and feedback. */
export interface WorkItem {
  workspaceId: string;
  batch: IngestBatch;
  eventKeys: Keys;
  feedbackKeys: Keys;
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

/**
 * Keeps ids unique per workspace without a database index: the ids written so far live in an
 * IdIndex per table. A hash hit is only a suspicion: it is confirmed against the stored rows
 * (which include the open transaction's own), and a hit within the same call against the exact
 * ids, so only a real duplicate is ever dropped.
 *
 * New ids enter the index as they are selected, before their transaction commits. If it rolls
 * back they stay: a later row with such an id is a false suspect, which the confirming query
 * clears. That is cheaper than tracking a transaction's ids apart and merging them on commit.
 */
export class DuplicateFilter {
  private constructor(private readonly seen: Record<Table, IdIndex>) {}

  static async load(connection: DuckDBConnection): Promise<DuplicateFilter> {
    const seen = { events: new IdIndex(), feedback: new IdIndex() };
    for (const table of ['events', 'feedback'] as const) {
      const reader = await connection.runAndReadAll(`SELECT id_hi, id_lo FROM ${table}`);
      const [hi, lo] = reader.getColumns() as number[][];
      for (let i = 0; i < (hi?.length ?? 0); i++) seen[table].add(hi![i]!, lo![i]!);
    }
    return new DuplicateFilter(seen);
  }

  /**
   * Splits the items' rows into new ones and duplicates, inside the caller's transaction (so the
   * confirmation of suspects also sees rows written earlier in it).
   */
  async select(connection: DuckDBConnection, keyed: WorkItem[]): Promise<SelectedItem[]> {
    const stored = {
      events: await this.confirm(
        connection,
        'events',
        keyed.flatMap((k) => this.suspects('events', k.batch.events, k.eventKeys)),
      ),
      feedback: await this.confirm(
        connection,
        'feedback',
        keyed.flatMap((k) => this.suspects('feedback', k.batch.feedback, k.feedbackKeys)),
      ),
    };
    const accepted = { events: new Accepted(), feedback: new Accepted() };
    return keyed.map((k) => {
      const events = this.fresh('events', k.workspaceId, k.batch.events, k.eventKeys, stored, accepted);
      const feedback = this.fresh(
        'feedback',
        k.workspaceId,
        k.batch.feedback,
        k.feedbackKeys,
        stored,
        accepted,
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

  /** Ids whose hash was seen before: candidates for the confirming query. */
  private suspects(table: Table, rows: { id: string }[], keys: Keys): string[] {
    const index = this.seen[table];
    const out: string[] = [];
    for (let i = 0; i < rows.length; i++) if (index.has(keys.hi[i]!, keys.lo[i]!)) out.push(rows[i]!.id);
    return out;
  }

  /** The suspected ids that really are stored, as `workspace\0id` strings. */
  private async confirm(
    connection: DuckDBConnection,
    table: Table,
    suspects: string[],
  ): Promise<Set<string>> {
    const found = new Set<string>();
    if (suspects.length === 0) return found;
    const reader = await connection.runAndReadAll(
      `SELECT DISTINCT workspace_id, id FROM ${table} WHERE id IN (SELECT unnest($1::VARCHAR[]))`,
      [listValue([...new Set(suspects)])],
    );
    for (const [workspaceId, id] of reader.getRows() as [string, string][]) found.add(local(workspaceId, id));
    return found;
  }

  /** The rows that are neither stored nor accepted earlier in this call; their keys join the index. */
  private fresh<T extends { id: string }>(
    table: Table,
    workspaceId: string,
    rows: T[],
    keys: Keys,
    stored: Record<Table, Set<string>>,
    accepted: Record<Table, Accepted>,
  ): { rows: T[]; keys: Keys } {
    const out: T[] = [];
    const outKeys: Keys = { hi: new Uint32Array(rows.length), lo: new Uint32Array(rows.length) };
    for (let i = 0; i < rows.length; i++) {
      const id = rows[i]!.id;
      const hi = keys.hi[i]!;
      const lo = keys.lo[i]!;
      if (stored[table].size > 0 && stored[table].has(local(workspaceId, id))) continue;
      if (accepted[table].has(workspaceId, id, hi, lo)) continue;
      accepted[table].add(workspaceId, id, hi, lo);
      this.seen[table].add(hi, lo);
      outKeys.hi[out.length] = hi;
      outKeys.lo[out.length] = lo;
      out.push(rows[i]!);
    }
    return {
      rows: out,
      keys: { hi: outKeys.hi.subarray(0, out.length), lo: outKeys.lo.subarray(0, out.length) },
    };
  }
}

const local = (workspaceId: string, id: string) => `${workspaceId}\u0000${id}`;

/**
 * Ids accepted by one selection. Most rows are new, so the hash index answers; only on a hash hit
 * are the exact ids consulted, and they are only collected into a set once that first happens.
 */
class Accepted {
  private readonly index = new IdIndex(1 << 12);
  private readonly workspaces: string[] = [];
  private readonly ids: string[] = [];
  private exact: Set<string> | null = null;

  has(workspaceId: string, id: string, hi: number, lo: number): boolean {
    if (!this.index.has(hi, lo)) return false;
    this.exact ??= new Set(this.ids.map((acceptedId, i) => local(this.workspaces[i]!, acceptedId)));
    return this.exact.has(local(workspaceId, id));
  }

  add(workspaceId: string, id: string, hi: number, lo: number): void {
    this.index.add(hi, lo);
    this.workspaces.push(workspaceId);
    this.ids.push(id);
    this.exact?.add(local(workspaceId, id));
  }
}

export function keysOf(workspaceId: string, rows: { id: string }[]): Keys {
  const keys: Keys = { hi: new Uint32Array(rows.length), lo: new Uint32Array(rows.length) };
  for (let i = 0; i < rows.length; i++) idKeyInto(workspaceId, rows[i]!.id, keys.hi, keys.lo, i);
  return keys;
}
