import type { DiffEntry } from '../../core/privacy/json-diff.ts';
import type { Suppressions } from '../../platform/privacy/suppression.ts';
import type { SqlValue, Store } from '../../platform/store/port.ts';
import { epochMs, nullable, row, text } from '../../platform/store/rows.ts';
import { DomainError } from '../../platform/errors.ts';

const entryRow = row({
  id: text,
  occurred_at: epochMs,
  actor_kind: text,
  actor_id: text,
  operation: text,
  target: nullable(text),
  diff: nullable(text),
  ip: nullable(text),
  user_agent: nullable(text),
});

export interface AuditEntry {
  id: string;
  at: number;
  actor: { kind: string; id: string };
  operation: string;
  target: string | null;
  diff: DiffEntry[] | null;
  ip: string | null;
  userAgent: string | null;
}

export interface AuditFilter {
  actor?: string;
  operation?: string;
  target?: string;
  /** A customer id: matched through its hash, which is how the log names customers. */
  customer?: string;
  from?: number;
  to?: number;
  limit: number;
  cursor?: string;
}

/** A page position: the last entry's time and id (entries are newest first). */
function decodeCursor(cursor: string): { at: number; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('\u0000');
  const t = Number(at);
  if (!id || !Number.isFinite(t))
    throw new DomainError('invalid', 'cursor is not one this API gave', {
      issues: [
        { path: 'cursor', code: 'invalid_cursor', message: 'pass back the `next` of the previous page' },
      ],
    });
  return { at: t, id };
}
const encodeCursor = (e: AuditEntry) => Buffer.from(`${e.at}\u0000${e.id}`, 'utf8').toString('base64url');

/** Reads of the append-only audit log (written by platform/auth/audit.ts), newest first, paged. */
export class AuditLog {
  constructor(
    private readonly store: Store,
    private readonly suppressions: Suppressions,
  ) {}

  async list(
    workspaceId: string,
    filter: AuditFilter,
  ): Promise<{ entries: AuditEntry[]; next: string | null }> {
    const params: SqlValue[] = [workspaceId];
    const bind = (v: SqlValue) => {
      params.push(v);
      return `$${params.length}`;
    };
    const where = ['workspace_id = $1'];
    if (filter.actor) where.push(`actor_id = ${bind(filter.actor)}`);
    if (filter.operation) where.push(`operation = ${bind(filter.operation)}`);
    if (filter.target) where.push(`target = ${bind(filter.target)}`);
    if (filter.customer) {
      const hash = await this.suppressions.hash(workspaceId, 'customer', filter.customer);
      where.push(`target = ${bind(`customer:${hash.slice(0, 32)}`)}`);
    }
    if (filter.from !== undefined) where.push(`occurred_at >= ${bind(new Date(filter.from))}`);
    if (filter.to !== undefined) where.push(`occurred_at < ${bind(new Date(filter.to))}`);
    if (filter.cursor) {
      const c = decodeCursor(filter.cursor);
      const at = bind(new Date(c.at));
      where.push(`(occurred_at < ${at} OR (occurred_at = ${at} AND id < ${bind(c.id)}))`);
    }
    const rows = await this.store.readRows(
      entryRow,
      `SELECT id, occurred_at, actor_kind, actor_id, operation, target, diff, ip, user_agent FROM audit_log
       WHERE ${where.join(' AND ')} ORDER BY occurred_at DESC, id DESC LIMIT ${bind(filter.limit + 1)}`,
      params,
    );
    const entries = rows.slice(0, filter.limit).map((r): AuditEntry => ({
      id: r.id,
      at: r.occurred_at,
      actor: { kind: r.actor_kind, id: r.actor_id },
      operation: r.operation,
      target: r.target,
      diff: r.diff ? (JSON.parse(r.diff) as DiffEntry[]) : null,
      ip: r.ip,
      userAgent: r.user_agent,
    }));
    return { entries, next: rows.length > filter.limit ? encodeCursor(entries[entries.length - 1]!) : null };
  }
}
