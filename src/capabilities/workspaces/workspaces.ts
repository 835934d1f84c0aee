import type { Store, Workspace } from '../../platform/store/port.ts';
import { InputError } from '../../core/issues.ts';

const WORKSPACE_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/**
 * The workspace a command acts on: the one named (created on first use), or else the first one,
 * or else a new `default` workspace. `created` tells the caller to set it up (journey, keys).
 */
export async function resolveWorkspace(
  store: Store,
  requested: string | undefined,
  now: number,
): Promise<{ workspace: Workspace; created: boolean }> {
  if (requested !== undefined) {
    if (!WORKSPACE_ID.test(requested)) {
      throw new InputError([
        {
          path: 'workspace',
          code: 'invalid_value',
          message: 'use 1-64 lower-case letters, digits, "-" or "_"',
        },
      ]);
    }
    const found = await store.getWorkspace(requested);
    if (found) return { workspace: found, created: false };
    return { workspace: await store.createWorkspace(requested, requested, now), created: true };
  }
  const [first] = await store.listWorkspaces();
  if (first) return { workspace: first, created: false };
  return { workspace: await store.createWorkspace('default', 'Default workspace', now), created: true };
}
