import type { TransactionSql } from 'postgres';
import type { JourneyMap } from '../../../core/journey/schema.ts';
import type { DomainEvent, HeldCursor, StoredDomainEvent } from '../../events/domain-event.ts';
import type {
  ApiKeyRecord,
  IngestBatch,
  IngestOutcome,
  ReclaimReport,
  SqlStatement,
  SqlValue,
  Store,
  StoreHealth,
  TimelinePage,
  Workspace,
  WriteResult,
} from '../port.ts';
import { QUERIES, WRITES } from '../shared/queries.ts';
import { keyRow, workspaceRow } from '../shared/rows.ts';
import { num, row, text, type RowDecoder } from '../rows.ts';
import { timelinePage } from '../shared/timeline-page.ts';
import { batchDomainEvents } from '../shared/domain-events.ts';
import { redactDb } from '../db-url.ts';
import { connect, isRetryable, type Client } from './connect.ts';
import { writeBatch } from './ingest.ts';
import { migrate } from './migrate.ts';
import type { MigrationRegistry } from '../migrations.ts';
import { PLATFORM_MIGRATIONS } from '../platform-migrations.ts';
import { DomainError } from '../../errors.ts';
import { appendOutbox, holdCursor, readOutbox } from './outbox.ts';

type Params = SqlValue[];
type Rows = Record<string, unknown>[];

/** How often a transaction that lost a deadlock or serialization race is run again. */
const ATTEMPTS = 3;

/**
 * The store on a PostgreSQL server, for several API processes and workers at once: every
 * duplicate check and merge happens in the database (unique indexes, ON CONFLICT), never in
 * process memory, and each call is its own transaction on a pooled connection. Concurrent
 * commits share WAL flushes in the server, so there is no group commit here.
 */
export class PostgresStore implements Store {
  readonly capabilities = { multiProcessWriters: true };

  private constructor(private readonly sql: Client) {}

  /**
   * Connects to `postgres://...` and brings the schema up to the platform's migrations and the
   * capabilities' `migrations` (the app's registry), safely from several processes.
   */
  static async open(
    url: string,
    migrations: MigrationRegistry,
    options: { max?: number } = {},
  ): Promise<PostgresStore> {
    const sql = connect(url, options);
    try {
      await migrate(sql, [...PLATFORM_MIGRATIONS, ...migrations]);
    } catch (error) {
      await sql.end({ timeout: 1 });
      // A refusal (a database from a newer cxloop) says what to do already.
      if (error instanceof DomainError) throw error;
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(`PostgreSQL at ${redactDb(url)}: ${message}`, { cause: error });
    }
    return new PostgresStore(sql);
  }

  /** No key beside a server's database: survey secrets are stored as given (docs/surveys.md). */
  readonly sealer = null;

  /** A full disk on the server side answers as an error from PostgreSQL itself; nothing to track here. */
  health(): StoreHealth {
    return { status: 'ok', reopens: 0 };
  }

  async close() {
    await this.sql.end({ timeout: 5 });
  }

  private async rows(sql: string, params: Params = []): Promise<Rows> {
    return [...(await this.sql.unsafe(sql, params))];
  }

  /** Runs `work` in one transaction, again if it lost a deadlock; an error rolls it all back. */
  private async transaction<T>(work: (tx: TransactionSql) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return (await this.sql.begin(work)) as T;
      } catch (error) {
        if (attempt >= ATTEMPTS || !isRetryable(error)) throw error;
      }
    }
  }

  async createWorkspace(id: string, name: string, now: number): Promise<Workspace> {
    await this.sql.unsafe(WRITES.insertWorkspace, [id, name, new Date(now)]);
    return { id, name, createdAt: now };
  }

  async listWorkspaces(): Promise<Workspace[]> {
    return (await this.rows(QUERIES.listWorkspaces)).map(workspaceRow);
  }

  async getWorkspace(id: string): Promise<Workspace | null> {
    const [row] = await this.rows(QUERIES.getWorkspace, [id]);
    return row ? workspaceRow(row) : null;
  }

  async insertKey(key: ApiKeyRecord, hash: string) {
    await this.sql.unsafe(WRITES.insertKey, [
      key.id,
      key.workspaceId,
      key.kind,
      hash,
      key.prefix,
      new Date(key.createdAt),
    ]);
  }

  async findKeyByHash(hash: string) {
    const [row] = await this.rows(QUERIES.findKeyByHash, [hash]);
    return row ? keyRow(row) : null;
  }

  async listKeys(workspaceId: string) {
    return (await this.rows(QUERIES.listKeys, [workspaceId])).map(keyRow);
  }

  async revokeKey(workspaceId: string, keyId: string, now: number) {
    const result = await this.sql.unsafe(WRITES.revokeKey, [workspaceId, keyId, new Date(now)]);
    return result.count > 0;
  }

  async getJourney(workspaceId: string): Promise<JourneyMap | null> {
    const [row] = await this.rows(QUERIES.getJourney, [workspaceId]);
    return row ? (JSON.parse(row.doc as string) as JourneyMap) : null;
  }

  async setJourney(workspaceId: string, map: JourneyMap, now: number, remap: Record<string, string> = {}) {
    await this.transaction(async (tx) => {
      for (const [from, to] of Object.entries(remap)) {
        for (const table of ['events', 'feedback'] as const) {
          await tx.unsafe(WRITES.remapTouchpoint(table), [workspaceId, from, to]);
        }
      }
      await tx.unsafe(WRITES.upsertJourney, [workspaceId, JSON.stringify(map), new Date(now)]);
    });
  }

  async touchpointUsage(workspaceId: string) {
    const rows = await this.readRows(row({ touchpoint: text, n: num }), QUERIES.touchpointUsage, [
      workspaceId,
    ]);
    return new Map(rows.map((r) => [r.touchpoint, r.n]));
  }

  /** The batch's domain events go in last, so the outbox lock is held only for the commit. */
  async ingest(workspaceId: string, batch: IngestBatch): Promise<IngestOutcome> {
    const domainEvents = batchDomainEvents(workspaceId, batch);
    return this.transaction(async (tx) => {
      const outcome = await writeBatch(tx, workspaceId, batch);
      const results = batch.statements ? await runStatements(tx, batch.statements) : undefined;
      await appendOutbox(tx, domainEvents);
      return results ? { ...outcome, results } : outcome;
    });
  }

  /** One transaction for the whole stream; not retried, since the stream cannot be read twice. */
  async ingestAll(workspaceId: string, batches: AsyncIterable<IngestBatch>): Promise<IngestOutcome> {
    const total = (await this.sql.begin(async (tx) => {
      const sum = { stored: 0, duplicates: 0 };
      // Appended at the end, not per batch: an import would otherwise hold the outbox lock, and
      // so every other append, for as long as it runs.
      const domainEvents: DomainEvent[] = [];
      for await (const batch of batches) {
        domainEvents.push(...batchDomainEvents(workspaceId, batch));
        const outcome = await writeBatch(tx, workspaceId, batch);
        if (batch.statements) await runStatements(tx, batch.statements);
        sum.stored += outcome.stored;
        sum.duplicates += outcome.duplicates;
      }
      await appendOutbox(tx, domainEvents);
      return sum;
    })) as IngestOutcome;
    // A large import into young tables leaves the planner with no statistics until autovacuum
    // gets to them, and analytics over a first import then pick nested loops (seconds, not ms).
    if (total.stored > 0) await this.sql.unsafe('ANALYZE events, feedback, customers, aliases');
    return total;
  }

  async counts(workspaceId: string) {
    const [row] = await this.rows(QUERIES.counts, [workspaceId]);
    return {
      customers: row!.customers as number,
      events: row!.events as number,
      feedback: row!.feedback as number,
    };
  }

  timeline(
    workspaceId: string,
    customerId: string,
    page: { limit: number; cursor?: string },
  ): Promise<TimelinePage> {
    return timelinePage((sql, params) => this.rows(sql, params), workspaceId, customerId, page);
  }

  read(sql: string, params: SqlValue[] = []): Promise<Rows> {
    return this.rows(sql, params);
  }

  async readRows<T>(decode: RowDecoder<T>, sql: string, params: SqlValue[] = []): Promise<T[]> {
    return (await this.rows(sql, params)).map(decode);
  }

  write(statements: SqlStatement[], domainEvents: DomainEvent[] = []): Promise<WriteResult[]> {
    return this.transaction(async (tx) => {
      const results = await runStatements(tx, statements);
      await appendOutbox(tx, domainEvents);
      return results;
    });
  }

  readDomainEvents(after: number, limit: number): Promise<StoredDomainEvent[]> {
    return readOutbox(this.sql, after, limit);
  }

  holdCursor<T>(subscriber: string, work: (cursor: HeldCursor) => Promise<T>): Promise<{ value: T } | null> {
    return holdCursor(this.sql, subscriber, work);
  }

  /**
   * VACUUM removes the deleted rows' tuples from the tables' pages and indexes so their space is
   * reused; it does not zero that space, rewrite the WAL already written, or reach backups and
   * replicas (docs/privacy.md). VACUUM cannot run inside a transaction, so each is its own statement.
   */
  async reclaim(tables: string[]): Promise<ReclaimReport> {
    const vacuumed: string[] = [];
    for (const table of [...new Set(tables)]) {
      if (!/^[a-z_][a-z0-9_]*$/.test(table)) throw new Error(`not a table name: ${table}`);
      await this.sql.unsafe(`VACUUM ${table}`);
      vacuumed.push(table);
    }
    return { engine: 'postgres', vacuumed };
  }
}

async function runStatements(tx: TransactionSql, statements: SqlStatement[]): Promise<WriteResult[]> {
  const results: WriteResult[] = [];
  for (const { sql, params = [] } of statements) {
    const result = await tx.unsafe(sql, params);
    // As on DuckDB: rows come back from RETURNING statements, and count as what changed.
    const rows = /\bRETURNING\b/i.test(sql) ? [...result] : [];
    results.push({ changed: rows.length || result.count, rows });
  }
  return results;
}
