/**
 * The actions a workshop decides on. Kept as a plain list (title, owner as text, target
 * touchpoints) so that they can become improvement initiatives when those exist (#17).
 * Each gets an id derived from its content, so posting the same action again stores it once.
 */
import { createHash } from 'node:crypto';
import type { Store } from '../../platform/store/port.ts';
import { epochMs, row, text } from '../../platform/store/rows.ts';
import type { WorkshopRecord } from './store.ts';

export interface ActionRecord {
  id: string;
  title: string;
  owner: string;
  touchpoints: string[];
  createdAt: string;
}

const actionRow = row({ id: text, title: text, owner: text, touchpoints: text, created_at: epochMs });

export async function insertAction(
  store: Store,
  w: WorkshopRecord,
  input: { title: string; owner: string; touchpoints: string[] },
  now: number,
): Promise<ActionRecord> {
  const id = createHash('sha256')
    .update(JSON.stringify([input.title, input.owner, input.touchpoints]))
    .digest('hex')
    .slice(0, 16);
  await store.write([
    {
      sql: 'INSERT INTO workshop_actions VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING',
      params: [
        w.workspaceId,
        w.id,
        id,
        input.title,
        input.owner,
        JSON.stringify(input.touchpoints),
        new Date(now),
      ],
    },
  ]);
  return (await listActions(store, w.workspaceId, w.id)).find((a) => a.id === id)!;
}

export async function listActions(
  store: Store,
  workspaceId: string,
  workshopId: string,
): Promise<ActionRecord[]> {
  const rows = await store.readRows(
    actionRow,
    'SELECT id, title, owner, touchpoints, created_at FROM workshop_actions WHERE workspace_id = $1 AND workshop_id = $2 ORDER BY created_at, id',
    [workspaceId, workshopId],
  );
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    owner: r.owner,
    touchpoints: JSON.parse(r.touchpoints) as string[],
    createdAt: new Date(r.created_at).toISOString(),
  }));
}
