import { DomainError } from '../../platform/errors.ts';
import type { SqlStatement, Store } from '../../platform/store/port.ts';
import { epochMs, nullable, oneOf, row, text } from '../../platform/store/rows.ts';
import { ROLES, type Role } from '../../platform/auth/principal.ts';
import { hashToken, newToken } from './tokens.ts';

/**
 * What a one-time link is for, and how long it lives: a reset or a sign-in link for an hour (it
 * opens an account, so short), an invitation for a week (people read mail late), the second
 * step of a sign-in with TOTP for five minutes.
 */
export const LINK_TTL_MS = {
  reset: 60 * 60_000,
  'sign-in': 60 * 60_000,
  invitation: 7 * 24 * 60 * 60_000,
  totp: 5 * 60_000,
} as const;
export type LinkPurpose = keyof typeof LINK_TTL_MS;

export interface Link {
  purpose: LinkPurpose;
  workspaceId: string;
  userId: string | null;
  email: string;
  role: Role | null;
  expiresAt: number;
}

const linkRow = row({
  purpose: oneOf('reset', 'sign-in', 'invitation', 'totp'),
  workspace_id: text,
  user_id: nullable(text),
  email: text,
  role: nullable(oneOf(...ROLES)),
  expires_at: epochMs,
  used_at: nullable(epochMs),
});

/**
 * One-time links, kept by their token's hash. Using one is a single UPDATE that marks it used only
 * if it was not, and not expired: of two uses at the same time (or a use after the first) exactly
 * one wins; the others are refused, saying why.
 */
export class OneTimeLinks {
  constructor(private readonly store: Store) {}

  /** A new link and the statement that stores it (to write with what goes with it, in one transaction). */
  create(link: Omit<Link, 'expiresAt'>, now: number): { token: string; statement: SqlStatement } {
    const token = newToken();
    return {
      token,
      statement: {
        sql: `INSERT INTO one_time_links
              (token_hash, purpose, workspace_id, user_id, email, role, created_at, expires_at, used_at)
              VALUES ($1, $2, $3, $4, $5, $6, $7, $8, NULL)`,
        params: [
          hashToken(token),
          link.purpose,
          link.workspaceId,
          link.userId,
          link.email,
          link.role,
          new Date(now),
          new Date(now + LINK_TTL_MS[link.purpose]),
        ],
      },
    };
  }

  /**
   * Marks the link used and returns it; refused (400 at `token`) when unknown, of another purpose,
   * used before or expired. The claim is its own transaction, before the link's effect (the
   * password it sets, the membership it grants) is written: only the use that won the claim goes
   * on, so two uses at once cannot both act. A crash between the two spends the link without its
   * effect, and the person asks for a new one: it fails closed.
   */
  async use(token: string, purpose: LinkPurpose, now: number): Promise<Link> {
    const [found] = await this.store.readRows(
      linkRow,
      `SELECT purpose, workspace_id, user_id, email, role, expires_at, used_at
       FROM one_time_links WHERE token_hash = $1`,
      [hashToken(token)],
    );
    if (!found || found.purpose !== purpose) refuse('link_unknown', 'this link is not known');
    if (found.used_at !== null) refuse('link_used', 'this link has been used already; ask for a new one');
    if (found.expires_at <= now) refuse('link_expired', 'this link has expired; ask for a new one');
    const [claimed] = await this.store.write([
      {
        sql: `UPDATE one_time_links SET used_at = $2
              WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2`,
        params: [hashToken(token), new Date(now)],
      },
    ]);
    if (!claimed || claimed.changed === 0)
      refuse('link_used', 'this link has been used already; ask for a new one');
    return {
      purpose: found.purpose,
      workspaceId: found.workspace_id,
      userId: found.user_id,
      email: found.email,
      role: found.role,
      expiresAt: found.expires_at,
    };
  }
}

function refuse(code: string, message: string): never {
  throw new DomainError('invalid', message, {
    code,
    issues: [{ path: 'token', code, message }],
  });
}
