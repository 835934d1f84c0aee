import { createHmac, randomBytes } from 'node:crypto';
import type { SqlStatement, Store } from '../store/port.ts';
import { row, text } from '../store/rows.ts';

export type SuppressedKind = 'customer' | 'anonymous' | 'email';

/** Emails are compared as their owners type them: case and surrounding spaces do not matter. */
const canonical = (kind: SuppressedKind, value: string) =>
  kind === 'email' ? value.trim().toLowerCase() : value;

/**
 * Erased customers are remembered only as HMAC-SHA-256 hashes under a random salt per workspace:
 * the id itself is gone, yet the same id (or email) arriving again hashes to the same value. A
 * salt kept in the database does not stop someone holding the database from testing a guess; it
 * stops precomputed tables and comparing hashes across workspaces or installations.
 */
export class Suppressions {
  private readonly salts = new Map<string, string>();

  constructor(private readonly store: Store) {}

  private async salt(workspaceId: string): Promise<string> {
    const known = this.salts.get(workspaceId);
    if (known) return known;
    const read = async () =>
      (
        await this.store.readRows(
          row({ salt: text }),
          'SELECT salt FROM privacy_salts WHERE workspace_id = $1',
          [workspaceId],
        )
      )[0]?.salt;
    let salt = await read();
    if (!salt) {
      // ON CONFLICT: two processes making the first salt at once keep one of them.
      await this.store.write([
        {
          sql: 'INSERT INTO privacy_salts (workspace_id, salt) VALUES ($1, $2) ON CONFLICT DO NOTHING',
          params: [workspaceId, randomBytes(32).toString('base64url')],
        },
      ]);
      salt = (await read())!;
    }
    this.salts.set(workspaceId, salt);
    return salt;
  }

  async hash(workspaceId: string, kind: SuppressedKind, value: string): Promise<string> {
    const salt = await this.salt(workspaceId);
    return createHmac('sha256', salt)
      .update(`${kind}\u0000${canonical(kind, value)}`)
      .digest('hex');
  }

  /** The statements that suppress these values from now on (written with the erasure). */
  async suppressStatements(
    workspaceId: string,
    values: { kind: SuppressedKind; value: string }[],
    now: number,
  ): Promise<SqlStatement[]> {
    const out: SqlStatement[] = [];
    for (const v of values) {
      out.push({
        sql: `INSERT INTO privacy_suppressions (workspace_id, hash, kind, created_at) VALUES ($1, $2, $3, $4)
              ON CONFLICT DO NOTHING`,
        params: [workspaceId, await this.hash(workspaceId, v.kind, v.value), v.kind, new Date(now)],
      });
    }
    return out;
  }

  /**
   * THE check before storing or contacting anyone: which of these values belong to an erased
   * customer. Ingest refuses them; surveys (and workflows) must not message them. One query per
   * call, whatever the number of values; a workspace that never erased anyone skips it.
   */
  async suppressed(
    workspaceId: string,
    values: { kind: SuppressedKind; value: string }[],
  ): Promise<{ kind: SuppressedKind; value: string }[]> {
    if (values.length === 0) return [];
    const [any] = await this.store.read(
      'SELECT 1 AS hit FROM privacy_suppressions WHERE workspace_id = $1 LIMIT 1',
      [workspaceId],
    );
    if (!any) return [];
    const hashed = await Promise.all(
      values.map(async (v) => ({ ...v, hash: await this.hash(workspaceId, v.kind, v.value) })),
    );
    const unique = [...new Set(hashed.map((h) => h.hash))];
    const hits = new Set<string>();
    // Chunks keep the parameter list well under both engines' limits.
    for (let i = 0; i < unique.length; i += 1000) {
      const chunk = unique.slice(i, i + 1000);
      const rows = await this.store.readRows(
        row({ hash: text }),
        `SELECT hash FROM privacy_suppressions WHERE workspace_id = $1 AND hash IN (${chunk.map((_, j) => `$${j + 2}`).join(', ')})`,
        [workspaceId, ...chunk],
      );
      for (const r of rows) hits.add(r.hash);
    }
    return hashed.filter((h) => hits.has(h.hash)).map(({ kind, value }) => ({ kind, value }));
  }

  /** Whether one customer (by id and, when known, email) may be contacted or stored again. */
  async isSuppressed(
    workspaceId: string,
    who: { customerId?: string | null; email?: string | null },
  ): Promise<boolean> {
    const values: { kind: SuppressedKind; value: string }[] = [];
    if (who.customerId) values.push({ kind: 'customer', value: who.customerId });
    if (who.email) values.push({ kind: 'email', value: who.email });
    return (await this.suppressed(workspaceId, values)).length > 0;
  }
}
