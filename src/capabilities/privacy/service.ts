import type { CustomerTable } from '../../platform/privacy/customer-data.ts';
import { auditStatement, type Actor, type Origin } from '../../platform/auth/audit.ts';
import { DomainError } from '../../platform/errors.ts';
import type { Suppressions, SuppressedKind } from '../../platform/privacy/suppression.ts';
import type { ReclaimReport, SqlStatement, Store } from '../../platform/store/port.ts';
import { customerPredicate, type CustomerIdentity } from './customer-match.ts';
import type { CustomerExport } from './customer-export.ts';
import { resolveCustomer } from './identity.ts';
import { AuditLog } from './audit-log.ts';
import { Retention } from './retention.ts';

/** Who asked, for the audit log. */
export interface Requester {
  actor: Actor;
  origin: Origin;
}

export interface ErasureReport {
  /** The audit log's name for the customer from now on: their suppression hash, not the id. */
  target: string;
  /** Rows deleted (or, for the outbox, overwritten) per table. */
  rows: Record<string, number>;
  suppressed: { customer: number; anonymous: number; email: number };
  reclaim: ReclaimReport;
}

/** Columns of the store's own bookkeeping that say nothing about the customer. */
const INTERNAL = new Set(['id_hi', 'id_lo']);

/**
 * Data subject requests (export, erasure) over every declared customer-level table, the audit
 * log's reads, and retention. The declaration of tables is handed in (capabilities/customer-data.ts),
 * so this capability imports no other.
 */
export class PrivacyService {
  readonly audit: AuditLog;
  readonly retention: Retention;

  constructor(
    private readonly store: Store,
    readonly suppressions: Suppressions,
    private readonly now: () => number,
    private readonly tables: readonly CustomerTable[],
  ) {
    this.audit = new AuditLog(store, suppressions);
    this.retention = new Retention(store, now);
  }

  private async identity(workspaceId: string, customerId: string): Promise<CustomerIdentity> {
    const who = await resolveCustomer(this.store, workspaceId, customerId);
    if (!who)
      throw new DomainError('not_found', 'no customer with this id in the workspace', {
        code: 'no_customer',
      });
    return who;
  }

  /** How the audit log names a customer: never the id, which an erasure must be able to remove. */
  async customerTarget(workspaceId: string, customerId: string): Promise<string> {
    return `customer:${(await this.suppressions.hash(workspaceId, 'customer', customerId)).slice(0, 32)}`;
  }

  async exportCustomer(workspaceId: string, customerId: string, by: Requester): Promise<CustomerExport> {
    const who = await this.identity(workspaceId, customerId);
    const tables = [];
    for (const t of this.tables) {
      const { where, params } = customerPredicate(t, who, this.tables);
      const rows = await this.store.read(`SELECT * FROM ${t.table} WHERE workspace_id = $1 AND (${where})`, [
        workspaceId,
        ...params,
      ]);
      const columns = Object.keys(rows[0] ?? {}).filter((k) => !INTERNAL.has(k));
      tables.push({
        table: t.table,
        holds: t.holds,
        columns,
        rows: rows.map((r) => columns.map((c) => r[c])),
      });
    }
    await this.store.write([
      auditStatement({
        workspaceId,
        ...by,
        operation: 'customer.export',
        target: await this.customerTarget(workspaceId, customerId),
        at: this.now(),
      }),
    ]);
    const now = this.now();
    return {
      customer: { id: who.customerId, anonymousIds: who.anonymousIds, emails: who.emails },
      exportedAt: new Date(now).toISOString(),
      tables,
    };
  }

  /**
   * Erases a customer: every declared table's rows of theirs, in one transaction with their
   * suppression hashes and the audit entry (all or nothing), then makes the deletion physical
   * (Store.reclaim). An unknown customer is a 404 with nothing touched.
   */
  async eraseCustomer(workspaceId: string, customerId: string, by: Requester): Promise<ErasureReport> {
    const who = await this.identity(workspaceId, customerId);
    const statements: SqlStatement[] = [];
    for (const t of this.tables) {
      const { where, params } = customerPredicate(t, who, this.tables);
      const sql =
        t.erase === 'neutralise'
          ? `UPDATE ${t.table} SET type = 'privacy.erased', payload = '{}' WHERE workspace_id = $1 AND (${where})`
          : `DELETE FROM ${t.table} WHERE workspace_id = $1 AND (${where})`;
      statements.push({ sql, params: [workspaceId, ...params] });
    }
    const values: { kind: SuppressedKind; value: string }[] = [
      { kind: 'customer', value: who.customerId },
      ...who.anonymousIds.map((value) => ({ kind: 'anonymous' as const, value })),
      ...who.emails.map((value) => ({ kind: 'email' as const, value })),
    ];
    const now = this.now();
    const target = await this.customerTarget(workspaceId, customerId);
    const suppress = await this.suppressions.suppressStatements(workspaceId, values, now);
    const audit = auditStatement({ workspaceId, ...by, operation: 'customer.erase', target, at: now });
    const results = await this.store.write([...statements, ...suppress, audit]);
    const rows: Record<string, number> = {};
    this.tables.forEach((t, i) => {
      rows[t.table] = (rows[t.table] ?? 0) + (results[i]?.changed ?? 0);
    });
    const touched = Object.entries(rows)
      .filter(([, n]) => n > 0)
      .map(([table]) => table);
    const reclaim = await this.store.reclaim(touched);
    return {
      target,
      rows,
      suppressed: {
        customer: 1,
        anonymous: who.anonymousIds.length,
        email: who.emails.length,
      },
      reclaim,
    };
  }
}
