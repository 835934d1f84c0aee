import type { Store } from '../../platform/store/port.ts';
import { epochMs, nullable, oneOf, row, text } from '../../platform/store/rows.ts';
import { ROLES, type Role } from '../../platform/auth/principal.ts';

export interface User {
  id: string;
  email: string;
  name: string;
  passwordHash: string | null;
  /** Sealed where the store has a sealing key. */
  totpSecret: string | null;
  totpEnabledAt: number | null;
  createdAt: number;
}

export interface Member {
  id: string;
  email: string;
  name: string;
  role: Role;
  totp: boolean;
  hasPassword: boolean;
  createdAt: number;
}

const userRow = row({
  id: text,
  email: text,
  name: text,
  password_hash: nullable(text),
  totp_secret: nullable(text),
  totp_enabled_at: nullable(epochMs),
  created_at: epochMs,
});

const memberRow = row({
  id: text,
  email: text,
  name: text,
  role: oneOf(...ROLES),
  totp_enabled_at: nullable(epochMs),
  password_hash: nullable(text),
  created_at: epochMs,
});

const USER_COLUMNS = 'id, email, name, password_hash, totp_secret, totp_enabled_at, created_at';

function toUser(r: ReturnType<typeof userRow>): User {
  return {
    id: r.id,
    email: r.email,
    name: r.name,
    passwordHash: r.password_hash,
    totpSecret: r.totp_secret,
    totpEnabledAt: r.totp_enabled_at,
    createdAt: r.created_at,
  };
}

/** Emails are compared as lower case: one person, one user, however they type it. */
export const normalEmail = (email: string) => email.trim().toLowerCase();

/** The users and memberships tables: plain reads and writes, no policy (service.ts has it). */
export class UserQueries {
  constructor(private readonly store: Store) {}

  async byEmail(email: string): Promise<User | null> {
    const [r] = await this.store.readRows(userRow, `SELECT ${USER_COLUMNS} FROM users WHERE email = $1`, [
      normalEmail(email),
    ]);
    return r ? toUser(r) : null;
  }

  async byId(id: string): Promise<User | null> {
    const [r] = await this.store.readRows(userRow, `SELECT ${USER_COLUMNS} FROM users WHERE id = $1`, [id]);
    return r ? toUser(r) : null;
  }

  async roleIn(workspaceId: string, userId: string): Promise<Role | null> {
    const [r] = await this.store.readRows(
      row({ role: oneOf(...ROLES) }),
      'SELECT role FROM memberships WHERE workspace_id = $1 AND user_id = $2',
      [workspaceId, userId],
    );
    return r?.role ?? null;
  }

  /** The workspaces a user belongs to, oldest membership first (the default one to sign in to). */
  async workspacesOf(userId: string): Promise<{ id: string; role: Role }[]> {
    const rows = await this.store.readRows(
      row({ workspace_id: text, role: oneOf(...ROLES) }),
      'SELECT workspace_id, role FROM memberships WHERE user_id = $1 ORDER BY created_at, workspace_id',
      [userId],
    );
    return rows.map((r) => ({ id: r.workspace_id, role: r.role }));
  }

  async members(workspaceId: string): Promise<Member[]> {
    const rows = await this.store.readRows(
      memberRow,
      `SELECT u.id, u.email, u.name, m.role, u.totp_enabled_at, u.password_hash, m.created_at
       FROM memberships m JOIN users u ON u.id = m.user_id
       WHERE m.workspace_id = $1 ORDER BY m.created_at, u.email`,
      [workspaceId],
    );
    return rows.map((r) => ({
      id: r.id,
      email: r.email,
      name: r.name,
      role: r.role,
      totp: r.totp_enabled_at !== null,
      hasPassword: r.password_hash !== null,
      createdAt: r.created_at,
    }));
  }

  insertUser(user: { id: string; email: string; name: string; passwordHash: string | null }, now: number) {
    return {
      sql: `INSERT INTO users (id, email, name, password_hash, totp_secret, totp_enabled_at, created_at)
            VALUES ($1, $2, $3, $4, NULL, NULL, $5)`,
      params: [user.id, normalEmail(user.email), user.name, user.passwordHash, new Date(now)],
    };
  }

  /** Adds the membership, or changes nothing when the user is already a member. */
  insertMembership(workspaceId: string, userId: string, role: Role, now: number) {
    return {
      sql: `INSERT INTO memberships (workspace_id, user_id, role, created_at) VALUES ($1, $2, $3, $4)
            ON CONFLICT DO NOTHING`,
      params: [workspaceId, userId, role, new Date(now)],
    };
  }
}
