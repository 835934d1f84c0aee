import { randomBytes } from 'node:crypto';
import type { DiffEntry } from '../../core/privacy/json-diff.ts';
import type { SqlStatement, Store } from '../store/port.ts';

/**
 * Who did something: a user (once people sign in), an API key (by its id, never the key), the
 * running server's local token (the CLI on this machine), or the CLI on the database file itself
 * (`cli`, id = the operating-system user).
 */
export interface Actor {
  kind: 'user' | 'key' | 'local' | 'cli';
  id: string;
}

/** Where a request came from; the CLI on the database file has neither. */
export interface Origin {
  ip: string | null;
  userAgent: string | null;
}

export interface AuditRecord {
  workspaceId: string;
  actor: Actor;
  /** A stable name: `journey.replace`, `key.create`, `customer.erase`, ... */
  operation: string;
  /** What it acted on (`survey:nps`, `key:k_12`), or null for the workspace as a whole. */
  target: string | null;
  /** Configuration changes only: the leaves that changed. */
  diff?: DiffEntry[] | null;
  origin: Origin;
  at: number;
}

let written = 0;

/**
 * Entry ids sort in the order entries were made: the time, then a counter of this process (two
 * entries in the same millisecond, or under a test's fixed clock), then randomness so that ids of
 * different processes never collide. The log's pages are ordered by time and id.
 */
function entryId(at: number): string {
  written = (written + 1) % 36 ** 6;
  return `${String(Math.max(0, Math.floor(at))).padStart(15, '0')}-${written.toString(36).padStart(6, '0')}-${randomBytes(6).toString('hex')}`;
}

/**
 * The INSERT of one audit entry, for a capability that writes it in the same transaction as the
 * change it records (an erasure), so the log can never miss a change that was committed.
 */
export function auditStatement(entry: AuditRecord): SqlStatement {
  return {
    sql: `INSERT INTO audit_log (workspace_id, id, occurred_at, actor_kind, actor_id, operation, target, diff, ip, user_agent)
          VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    params: [
      entry.workspaceId,
      entryId(entry.at),
      new Date(entry.at),
      entry.actor.kind,
      entry.actor.id,
      entry.operation,
      entry.target,
      entry.diff ? JSON.stringify(entry.diff) : null,
      entry.origin.ip,
      entry.origin.userAgent?.slice(0, 512) ?? null,
    ],
  };
}

/** Appends one entry. The log has no update or delete path, except erasure's (privacy/erase). */
export async function recordAudit(store: Store, entry: AuditRecord): Promise<void> {
  await store.write([auditStatement(entry)]);
}
