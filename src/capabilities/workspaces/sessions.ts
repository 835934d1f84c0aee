import { createHash, randomBytes } from 'node:crypto';
import type { Store } from '../../platform/store/port.ts';
import { epochMs, row, text } from '../../platform/store/rows.ts';

const sessionRow = row({ workspace_id: text, key_hash: text, created_at: epochMs, expires_at: epochMs });

/** Dashboard sign-ins last a working day; signing in again is one paste of the key. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
export const SESSION_COOKIE = 'cxloop_session';

export interface Session {
  workspaceId: string;
  /** hash of the secret key the session was made from: revoking the key ends the session */
  keyHash: string;
  createdAt: number;
  expiresAt: number;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Dashboard sessions, kept in the database by the hash of their token (the cookie holds the
 * token only), each with a fixed expiry. In the database, a session works on every server process
 * of a deployment and outlives a restart; and since every lookup joins the key the session was
 * made from, revoking that key ends its sessions at once, on every process.
 */
export class SessionStore {
  constructor(
    private readonly store: Store,
    private readonly ttlMs = SESSION_TTL_MS,
  ) {}

  async create(
    workspaceId: string,
    keyHash: string,
    now: number,
  ): Promise<{ token: string; session: Session }> {
    const token = randomBytes(32).toString('base64url');
    const session = { workspaceId, keyHash, createdAt: now, expiresAt: now + this.ttlMs };
    await this.store.write([
      // Expired sessions are swept as new ones are made, so the table stays small.
      { sql: 'DELETE FROM dashboard_sessions WHERE expires_at <= $1', params: [new Date(now)] },
      {
        sql: `INSERT INTO dashboard_sessions (token_hash, workspace_id, key_hash, created_at, expires_at)
              VALUES ($1, $2, $3, $4, $5)`,
        params: [hashToken(token), workspaceId, keyHash, new Date(now), new Date(session.expiresAt)],
      },
    ]);
    return { token, session };
  }

  /** The live session for a token: unexpired, and made from a key that is still not revoked. */
  async find(token: string, now: number): Promise<Session | null> {
    const [row] = await this.store.readRows(
      sessionRow,
      `SELECT s.workspace_id, s.key_hash, s.created_at, s.expires_at
       FROM dashboard_sessions s JOIN api_keys k ON k.hash = s.key_hash AND k.workspace_id = s.workspace_id
       WHERE s.token_hash = $1 AND s.expires_at > $2 AND k.revoked_at IS NULL`,
      [hashToken(token), new Date(now)],
    );
    if (!row) return null;
    return {
      workspaceId: row.workspace_id,
      keyHash: row.key_hash,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
    };
  }

  async revoke(token: string): Promise<void> {
    await this.store.write([
      { sql: 'DELETE FROM dashboard_sessions WHERE token_hash = $1', params: [hashToken(token)] },
    ]);
  }
}

export function sessionsOf(services: { store: Store }): SessionStore {
  return new SessionStore(services.store);
}
