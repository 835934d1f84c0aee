import type { Store } from '../../platform/store/port.ts';
import { epochMs, row, text } from '../../platform/store/rows.ts';
import { SESSION_TTL_MS } from '../workspaces/sessions.ts';
import { hashToken, newToken } from './tokens.ts';

export interface UserSession {
  userId: string;
  workspaceId: string;
  createdAt: number;
  expiresAt: number;
}

const sessionRow = row({ user_id: text, workspace_id: text, created_at: epochMs, expires_at: epochMs });

/**
 * A person's dashboard sessions, kept by the hash of their cookie's token like the key sessions
 * (workspaces/sessions.ts), so every server process knows them and a restart keeps them. A
 * lookup joins the membership: removing someone from a workspace ends their sessions there at once.
 */
export class UserSessions {
  constructor(
    private readonly store: Store,
    private readonly ttlMs = SESSION_TTL_MS,
  ) {}

  async create(userId: string, workspaceId: string, now: number) {
    const token = newToken();
    const session: UserSession = { userId, workspaceId, createdAt: now, expiresAt: now + this.ttlMs };
    await this.store.write([
      { sql: 'DELETE FROM user_sessions WHERE expires_at <= $1', params: [new Date(now)] },
      {
        sql: `INSERT INTO user_sessions (token_hash, user_id, workspace_id, created_at, expires_at)
              VALUES ($1, $2, $3, $4, $5)`,
        params: [hashToken(token), userId, workspaceId, new Date(now), new Date(session.expiresAt)],
      },
    ]);
    return { token, session };
  }

  async find(token: string, now: number): Promise<UserSession | null> {
    const [r] = await this.store.readRows(
      sessionRow,
      `SELECT s.user_id, s.workspace_id, s.created_at, s.expires_at
       FROM user_sessions s JOIN memberships m ON m.user_id = s.user_id AND m.workspace_id = s.workspace_id
       WHERE s.token_hash = $1 AND s.expires_at > $2`,
      [hashToken(token), new Date(now)],
    );
    return r
      ? { userId: r.user_id, workspaceId: r.workspace_id, createdAt: r.created_at, expiresAt: r.expires_at }
      : null;
  }

  async revoke(token: string): Promise<boolean> {
    const [result] = await this.store.write([
      { sql: 'DELETE FROM user_sessions WHERE token_hash = $1', params: [hashToken(token)] },
    ]);
    return (result?.changed ?? 0) > 0;
  }

  /** Ends every session of a user (a password reset or change), or only those in one workspace. */
  revokeAllStatement(userId: string, workspaceId?: string) {
    return workspaceId === undefined
      ? { sql: 'DELETE FROM user_sessions WHERE user_id = $1', params: [userId] }
      : {
          sql: 'DELETE FROM user_sessions WHERE user_id = $1 AND workspace_id = $2',
          params: [userId, workspaceId],
        };
  }
}
