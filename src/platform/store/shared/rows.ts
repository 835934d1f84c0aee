import type { ApiKeyRecord, Workspace } from '../port.ts';

/** Port records from `read()`-shaped rows (times already epoch ms), the same for every adapter. */
export const workspaceRow = (row: Record<string, unknown>): Workspace => ({
  id: row.id as string,
  name: row.name as string,
  createdAt: row.created_at as number,
});

export const keyRow = (row: Record<string, unknown>): ApiKeyRecord => ({
  id: row.id as string,
  workspaceId: row.workspace_id as string,
  kind: row.kind as ApiKeyRecord['kind'],
  prefix: row.prefix as string,
  createdAt: row.created_at as number,
  revokedAt: (row.revoked_at as number | null) ?? null,
});
