/**
 * Reading and writing the workshop tables. Every statement is bound to the workspace: a
 * workshop id, a join token or a participant key from another workspace finds nothing here.
 */
import type { Store } from '../../platform/store/port.ts';
import { epochMs, nullable, num, oneOf, row, text } from '../../platform/store/rows.ts';
import type { Judgement } from '../../core/workshops/aggregate.ts';
import type { JudgementKind } from '../../core/workshops/scales.ts';

export interface WorkshopDoc {
  touchpoints: { id: string; name: string; stage: string; stageIndex: number }[];
  seats: number;
  coverage: number;
  window: { from: string; to: string };
}

export interface WorkshopRecord extends WorkshopDoc {
  workspaceId: string;
  id: string;
  name: string;
  createdAt: number;
}

export interface ParticipantRecord {
  seat: number;
  name: string;
  joinedAt: number;
}

const workshopRow = row({ workspace_id: text, id: text, name: text, doc: text, created_at: epochMs });
const participantRow = row({ seat: num, name: text, joined_at: epochMs });
const judgementRow = row({
  seat: num,
  kind: oneOf('effort', 'importance', 'influence'),
  from_tp: text,
  to_tp: text,
  value: nullable(num),
});
const seatRow = row({ workspace_id: text, workshop_id: text, seat: num });

function toRecord(r: ReturnType<typeof workshopRow>): WorkshopRecord {
  const doc = JSON.parse(r.doc) as WorkshopDoc;
  return { workspaceId: r.workspace_id, id: r.id, name: r.name, createdAt: r.created_at, ...doc };
}

export async function insertWorkshop(
  store: Store,
  w: Omit<WorkshopRecord, 'createdAt'>,
  joinHash: string,
  now: number,
): Promise<boolean> {
  const doc: WorkshopDoc = {
    touchpoints: w.touchpoints,
    seats: w.seats,
    coverage: w.coverage,
    window: w.window,
  };
  const [result] = await store.write([
    {
      sql: `INSERT INTO workshops VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING id`,
      params: [w.workspaceId, w.id, w.name, JSON.stringify(doc), joinHash, new Date(now)],
    },
  ]);
  return (result?.rows.length ?? 0) > 0;
}

export async function readWorkshop(
  store: Store,
  workspaceId: string,
  id: string,
): Promise<WorkshopRecord | null> {
  const [r] = await store.readRows(
    workshopRow,
    'SELECT workspace_id, id, name, doc, created_at FROM workshops WHERE workspace_id = $1 AND id = $2',
    [workspaceId, id],
  );
  return r ? toRecord(r) : null;
}

export async function listWorkshops(store: Store, workspaceId: string): Promise<WorkshopRecord[]> {
  const rows = await store.readRows(
    workshopRow,
    'SELECT workspace_id, id, name, doc, created_at FROM workshops WHERE workspace_id = $1 ORDER BY created_at DESC, id',
    [workspaceId],
  );
  return rows.map(toRecord);
}

export async function workshopByJoinHash(store: Store, joinHash: string): Promise<WorkshopRecord | null> {
  const [r] = await store.readRows(
    workshopRow,
    'SELECT workspace_id, id, name, doc, created_at FROM workshops WHERE join_hash = $1',
    [joinHash],
  );
  return r ? toRecord(r) : null;
}

export async function replaceJoinHash(store: Store, workspaceId: string, id: string, joinHash: string) {
  await store.write([
    {
      sql: 'UPDATE workshops SET join_hash = $3 WHERE workspace_id = $1 AND id = $2',
      params: [workspaceId, id, joinHash],
    },
  ]);
}

export async function participants(
  store: Store,
  workspaceId: string,
  workshopId: string,
): Promise<ParticipantRecord[]> {
  const rows = await store.readRows(
    participantRow,
    'SELECT seat, name, joined_at FROM workshop_participants WHERE workspace_id = $1 AND workshop_id = $2 ORDER BY seat',
    [workspaceId, workshopId],
  );
  return rows.map((r) => ({ seat: r.seat, name: r.name, joinedAt: r.joined_at }));
}

/** The seat a participant key holds: the key identifies its workspace, workshop and seat. */
export async function seatByKey(store: Store, keyHash: string) {
  const [r] = await store.readRows(
    seatRow,
    'SELECT workspace_id, workshop_id, seat FROM workshop_participants WHERE key_hash = $1',
    [keyHash],
  );
  return r ? { workspaceId: r.workspace_id, workshopId: r.workshop_id, seat: r.seat } : null;
}

/** Takes the seat unless it is taken (or the key already holds one); true when this call took it. */
export async function takeSeat(
  store: Store,
  w: WorkshopRecord,
  seat: number,
  name: string,
  keyHash: string,
  now: number,
): Promise<boolean> {
  const [result] = await store.write([
    {
      sql: `INSERT INTO workshop_participants VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING seat`,
      params: [w.workspaceId, w.id, seat, name, keyHash, new Date(now)],
    },
  ]);
  return (result?.rows.length ?? 0) > 0;
}

export interface JudgementRow {
  kind: JudgementKind;
  from: string;
  to: string;
  value: number | null;
}

/** All of one participant's judgements in one transaction: all are stored or none. */
export async function upsertJudgements(
  store: Store,
  w: WorkshopRecord,
  seat: number,
  rows: readonly JudgementRow[],
  now: number,
): Promise<void> {
  await store.write(
    rows.map((j) => ({
      sql: `INSERT INTO workshop_judgements VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            ON CONFLICT (workspace_id, workshop_id, seat, kind, from_tp, to_tp)
            DO UPDATE SET value = excluded.value, judged_at = excluded.judged_at`,
      params: [w.workspaceId, w.id, seat, j.kind, j.from, j.to, j.value, new Date(now)],
    })),
  );
}

export async function judgements(
  store: Store,
  workspaceId: string,
  workshopId: string,
  seat?: number,
): Promise<(Judgement & { seat: number })[]> {
  const rows = await store.readRows(
    judgementRow,
    `SELECT seat, kind, from_tp, to_tp, value FROM workshop_judgements
     WHERE workspace_id = $1 AND workshop_id = $2 ${seat === undefined ? '' : 'AND seat = $3'}
     ORDER BY seat, kind, from_tp, to_tp`,
    seat === undefined ? [workspaceId, workshopId] : [workspaceId, workshopId, seat],
  );
  return rows.map((r) => ({
    seat: r.seat,
    participant: String(r.seat),
    kind: r.kind,
    from: r.from_tp,
    to: r.to_tp,
    value: r.value,
  }));
}
