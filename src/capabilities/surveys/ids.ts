import { createHash, randomBytes } from 'node:crypto';

/**
 * An invitation's id, derived from what asked for it (a trigger and an event, or an API
 * idempotency key) so the same request never makes two invitations. 128 bits of a keyed hash:
 * links stay unguessable because they are signed anyway.
 */
export function invitationId(workspaceId: string, sourceKey: string): string {
  return (
    'inv_' + createHash('sha256').update(`${workspaceId}\u0000${sourceKey}`).digest('base64url').slice(0, 22)
  );
}

export const randomKey = () => randomBytes(16).toString('base64url');
