import { createHash } from 'node:crypto';
import type { FieldIssue } from '../../core/issues.ts';
import type { RejectedMessage } from '../../core/ingest/segment.ts';
import type { Store } from '../../platform/store/port.ts';
import type { RejectRecordBody } from './contract.ts';
import { epochMs, json, nullable, num, row, text } from '../../platform/store/rows.ts';

export interface RejectRecord {
  id: string;
  /** The call that carried it (batch, track, identify ...). */
  call: string;
  /** The message as it arrived. */
  message: unknown;
  issues: FieldIssue[];
  receivedAt: number;
  /** When `rejects replay` stored it (after a fix of the data or of the journey map); null until then. */
  replayedAt: number | null;
}

/** A reject as the API and the CLI show it: times in ISO-8601. */
export const asBody = (r: RejectRecord): RejectRecordBody => ({
  id: r.id,
  call: r.call,
  message: r.message,
  issues: r.issues,
  receivedAt: new Date(r.receivedAt).toISOString(),
  replayedAt: r.replayedAt === null ? null : new Date(r.replayedAt).toISOString(),
});

const rejectRow = row({
  id: text,
  call: text,
  message: json,
  issues: json,
  received_at: epochMs,
  replayed_at: nullable(epochMs),
});

const toRecord = (r: ReturnType<typeof rejectRow>): RejectRecord => ({
  id: r.id,
  call: r.call,
  message: r.message,
  issues: r.issues as FieldIssue[],
  receivedAt: r.received_at,
  replayedAt: r.replayed_at,
});

/**
 * The message as JSON text. A message nested thousands deep parses but overflows the stack when
 * written back (JSON.stringify recurses deeper per level than JSON.parse): it is logged as a note,
 * since nothing could replay it anyway, rather than failing the request with a 500.
 */
function storable(message: unknown): string {
  try {
    return JSON.stringify(message) ?? 'null';
  } catch {
    return JSON.stringify({ unstorable: 'the message is nested too deeply to keep' });
  }
}

/**
 * The per-workspace log of messages the Segment-compatible endpoints refused while storing the rest
 * of their request. Real SDKs drop a whole batch on a 400, so a bad message is kept here instead,
 * with its reasons (field paths), to be read, fixed at the source, or replayed.
 */
export class RejectsLog {
  constructor(private readonly store: Store) {}

  /** Keeps the rejected messages of one request; a re-sent request logs each message once. */
  async log(workspaceId: string, call: string, rejects: RejectedMessage[], now: number): Promise<void> {
    if (rejects.length === 0) return;
    const values: string[] = [];
    const params: (string | Date)[] = [workspaceId, call, new Date(now)];
    for (const r of rejects) {
      const message = storable(r.message);
      const id = createHash('sha256').update(`${call}\u0000${message}`).digest('hex').slice(0, 32);
      // Issue indexes are positions in the request; the logged message stands alone.
      const issues = r.issues.map(({ index: _index, ...issue }) => issue);
      const n = params.length;
      values.push(`($1, $${n + 1}, $2, $${n + 2}, $${n + 3}, $3)`);
      params.push(id, message, JSON.stringify(issues));
    }
    await this.store.write([
      {
        sql: `INSERT INTO ingest_rejects (workspace_id, id, call, message, issues, received_at)
              VALUES ${values.join(', ')} ON CONFLICT DO NOTHING`,
        params,
      },
    ]);
  }

  /** The newest first; `before` (a receive time) pages back. */
  async list(workspaceId: string, page: { limit: number; before?: number }): Promise<RejectRecord[]> {
    const params: (string | Date)[] = [workspaceId];
    if (page.before !== undefined) params.push(new Date(page.before));
    const rows = await this.store.readRows(
      rejectRow,
      `SELECT id, call, message, issues, received_at, replayed_at FROM ingest_rejects
       WHERE workspace_id = $1 ${page.before === undefined ? '' : 'AND received_at < $2'}
       ORDER BY received_at DESC, id LIMIT ${Math.trunc(page.limit)}`,
      params,
    );
    return rows.map(toRecord);
  }

  async get(workspaceId: string, id: string): Promise<RejectRecord | null> {
    const [found] = await this.store.readRows(
      rejectRow,
      `SELECT id, call, message, issues, received_at, replayed_at FROM ingest_rejects
       WHERE workspace_id = $1 AND id = $2`,
      [workspaceId, id],
    );
    return found ? toRecord(found) : null;
  }

  async count(workspaceId: string): Promise<{ total: number; waiting: number }> {
    const [counted] = await this.store.readRows(
      row({ total: num, waiting: num }),
      `SELECT count(*) AS total, count(*) FILTER (WHERE replayed_at IS NULL) AS waiting
       FROM ingest_rejects WHERE workspace_id = $1`,
      [workspaceId],
    );
    return counted ?? { total: 0, waiting: 0 };
  }

  async markReplayed(workspaceId: string, ids: string[], now: number): Promise<void> {
    if (ids.length === 0) return;
    await this.store.write([
      {
        sql: `UPDATE ingest_rejects SET replayed_at = $2
              WHERE workspace_id = $1 AND id IN (${ids.map((_, i) => `$${i + 3}`).join(', ')})`,
        params: [workspaceId, new Date(now), ...ids],
      },
    ]);
  }
}
