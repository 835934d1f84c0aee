import { chmodSync, renameSync, rmSync, statSync } from 'node:fs';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { JourneyMap } from '../../../core/journey/schema.ts';
import type { DomainEvent, HeldCursor, StoredDomainEvent } from '../../events/domain-event.ts';
import type {
  ApiKeyRecord,
  IngestBatch,
  ReclaimReport,
  IngestOutcome,
  SqlStatement,
  SqlValue,
  Store,
  StoreHealth,
  TimelinePage,
  Workspace,
  WriteResult,
} from '../port.ts';
import { DatabaseLockedError } from '../errors.ts';
import { DuplicateFilter } from './duplicates.ts';
import { ownerOnlyDatabaseFiles } from './file-modes.ts';
import { IngestPipeline } from './ingest-pipeline.ts';
import { GroupedWrites } from './grouped-writes.ts';
import { STAGING } from './staging.ts';
import { APPLIED_TABLE, LEGACY_TABLE, planMigrations, type MigrationRegistry } from '../migrations.ts';
import { PLATFORM_MIGRATIONS } from '../platform-migrations.ts';
import { DuckDbOutbox } from './outbox.ts';
import { StorageHealth } from './storage-health.ts';
import { atRestKey } from './at-rest-key.ts';
import { aesGcmSealer, type Sealer } from '../sealer.ts';
import { keyRow, workspaceRow } from '../shared/rows.ts';
import { nullable, num, row, text, type RowDecoder } from '../rows.ts';
import { timelinePage } from '../shared/timeline-page.ts';
import { fromDuckRow, timestampValue, toDuckValue } from './values.ts';

/** Serialises work on the one writer connection; DuckDB has one writer per file anyway. */
class Queue {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(task: () => Promise<T>): Promise<T> {
    const next = this.tail.then(task, task);
    this.tail = next.catch(() => undefined);
    return next;
  }
}

/**
 * Settings for every DuckDB database cxloop opens. A checkpoint has a large fixed cost besides its
 * data (measured here: 127 ms per 16 MB of write-ahead log, 286 ms per 64 MB), and the commit
 * that triggers it holds up ingest meanwhile. 64 MB halves the time ingest waits on checkpoints;
 * the price is a longer log to replay after a crash (well under a second). With time to spare, the
 * ingest pipeline checkpoints sooner, for shorter pauses (see IngestPipeline).
 */
export const DUCKDB_SETTINGS = { checkpoint_threshold: '64MB' };

export class DuckDbStore implements Store {
  readonly capabilities = { multiProcessWriters: false };
  private readonly writes = new Queue();
  private readonly grouped = new GroupedWrites(
    (task) => this.writes.run(task),
    (work, domainEvents) => this.transactionNow(work, domainEvents),
  );
  private readonly storage = new StorageHealth(() => this.reopen());
  readonly sealer: Sealer;
  // Replaced together when an invalidated database is opened again (see reopen).
  private instance!: DuckDBInstance;
  private writer!: DuckDBConnection;
  private reader!: DuckDBConnection;
  private pipeline!: IngestPipeline;
  private ingester!: DuckDBConnection;
  private outbox!: DuckDbOutbox;

  private constructor(
    private readonly path: string,
    private readonly migrations: MigrationRegistry,
  ) {
    this.sealer = aesGcmSealer(atRestKey(path));
  }

  /**
   * Opens (creating if needed) a database file, or `:memory:`, and brings its schema up to the
   * platform's migrations and the capabilities' `migrations` (the app's registry).
   */
  static async open(path: string, migrations: MigrationRegistry): Promise<DuckDbStore> {
    if (path !== ':memory:') ownerOnlyDatabaseFiles(path);
    const store = new DuckDbStore(path, [...PLATFORM_MIGRATIONS, ...migrations]);
    await store.attach();
    return store;
  }

  /** Opens the file and sets up the connections, the outbox and the ingest pipeline on it. */
  private async attach() {
    const path = this.path;
    try {
      this.instance = await DuckDBInstance.create(path, DUCKDB_SETTINGS);
    } catch (error) {
      if (/lock/i.test(String(error))) throw new DatabaseLockedError(path, String(error));
      throw error;
    }
    this.writer = await this.instance.connect();
    this.reader = await this.instance.connect();
    await this.migrate(this.migrations);
    this.outbox = await DuckDbOutbox.load(this.writer);
    // Ingest has a connection of its own, so a group commit never waits behind other writes.
    const ingester = await this.instance.connect();
    await ingester.run(STAGING);
    this.ingester = ingester;
    const walBytes = () =>
      path === ':memory:' ? 0 : (statSync(`${path}.wal`, { throwIfNoEntry: false })?.size ?? 0);
    this.pipeline = new IngestPipeline(
      ingester,
      await DuplicateFilter.load(this.writer),
      this.outbox,
      walBytes,
    );
  }

  /**
   * After a failed checkpoint (a full disk) DuckDB refuses every statement until the file is
   * opened again. Closing and reopening replays the write-ahead log, so every acknowledged write
   * is back; it runs in the write queue so no write uses the old connections meanwhile. An
   * in-memory database cannot be reopened (it would be empty), so it stays refused.
   */
  private async reopen() {
    if (this.path === ':memory:') throw new Error('an in-memory database cannot be reopened');
    await this.writes.run(async () => {
      for (const connection of [this.reader, this.writer, this.ingester]) {
        try {
          connection.closeSync();
        } catch {
          // An invalidated connection may refuse even to close; the instance goes anyway.
        }
      }
      try {
        this.instance.closeSync();
      } catch {
        // As above.
      }
      await this.attach();
    });
  }

  health(): StoreHealth {
    return this.storage.status();
  }

  /** Applies what the database has not recorded, each migration in one transaction with its record. */
  private async migrate(registry: MigrationRegistry) {
    await this.writer.run(
      `CREATE TABLE IF NOT EXISTS ${APPLIED_TABLE} (id VARCHAR PRIMARY KEY, applied_at TIMESTAMP NOT NULL)`,
    );
    const applied = await this.readRowsNow(row({ id: text }), `SELECT id FROM ${APPLIED_TABLE}`);
    const plan = planMigrations(
      registry,
      applied.map((r) => r.id),
      applied.length ? undefined : await this.legacyVersion(),
    );
    const record = `INSERT INTO ${APPLIED_TABLE} VALUES ($1, now())`;
    // transactionNow, not transaction: migrations run at open time, also inside reopen's turn in the queue.
    if (plan.adopt.length)
      await this.transactionNow(async (c) => {
        for (const id of plan.adopt) await c.run(record, [id]);
      });
    for (const migration of plan.apply) {
      await this.transactionNow(async (c) => {
        if (migration.duckdb.trim()) await c.run(migration.duckdb);
        await c.run(record, [migration.id]);
      });
    }
  }

  /** The version a database from before the registry reached, or undefined for any other. */
  private async legacyVersion(): Promise<number | undefined> {
    const [table] = await this.readRowsNow(
      row({ n: num }),
      `SELECT count(*) AS n FROM information_schema.tables WHERE table_name = '${LEGACY_TABLE}'`,
    );
    if (!table?.n) return undefined;
    const [done] = await this.readRowsNow(
      row({ v: nullable(num) }),
      `SELECT max(version) AS v FROM ${LEGACY_TABLE}`,
    );
    return done?.v ?? undefined;
  }

  private async rows(connection: DuckDBConnection, sql: string, params: SqlValue[] = []) {
    const reader = await connection.runAndReadAll(sql, params.map(toDuckValue));
    return reader.getRowObjectsJS().map((row) => fromDuckRow(row as Record<string, unknown>));
  }

  /**
   * Runs `work` in one transaction on the writer, after other writes; an error rolls it all back.
   * A disk that refuses the write makes it a 503 (StorageHealth).
   */
  private transaction<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    return this.storage.write(() => this.writes.run(() => this.transactionNow(work)));
  }

  /**
   * The transaction itself; only call it from inside the write queue. Domain events go into the
   * outbox last, so its lock is held only while this transaction commits.
   */
  private async transactionNow<T>(
    work: (connection: DuckDBConnection) => Promise<T>,
    domainEvents: DomainEvent[] = [],
  ): Promise<T> {
    let release: (() => void) | null = null;
    await this.writer.run('BEGIN TRANSACTION');
    try {
      const result = await work(this.writer);
      // (The migrations run before the outbox is loaded; they append nothing.)
      if (domainEvents.length) release = await this.outbox.append(this.writer, domainEvents, Date.now());
      await this.writer.run('COMMIT');
      return result;
    } catch (error) {
      await this.writer.run('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      release?.();
    }
  }

  async close() {
    this.storage.stop();
    await this.writes.run(async () => undefined);
    await this.pipeline.drain();
    for (const connection of [this.reader, this.writer, this.ingester]) connection.closeSync();
    this.instance.closeSync();
  }

  async createWorkspace(id: string, name: string, now: number): Promise<Workspace> {
    await this.transaction((c) =>
      c.run('INSERT INTO workspaces VALUES ($1, $2, $3)', [id, name, timestampValue(now)]),
    );
    return { id, name, createdAt: now };
  }

  async listWorkspaces(): Promise<Workspace[]> {
    const rows = await this.read('SELECT * FROM workspaces ORDER BY created_at, id');
    return rows.map(workspaceRow);
  }

  async getWorkspace(id: string): Promise<Workspace | null> {
    return (await this.listWorkspaces()).find((w) => w.id === id) ?? null;
  }

  async insertKey(key: ApiKeyRecord, hash: string) {
    await this.transaction((c) =>
      c.run('INSERT INTO api_keys VALUES ($1, $2, $3, $4, $5, $6, NULL)', [
        key.id,
        key.workspaceId,
        key.kind,
        hash,
        key.prefix,
        timestampValue(key.createdAt),
      ]),
    );
  }

  async findKeyByHash(hash: string) {
    const rows = await this.read('SELECT * FROM api_keys WHERE hash = $1', [hash]);
    return rows[0] ? keyRow(rows[0]) : null;
  }

  async listKeys(workspaceId: string) {
    const rows = await this.read('SELECT * FROM api_keys WHERE workspace_id = $1 ORDER BY created_at, id', [
      workspaceId,
    ]);
    return rows.map(keyRow);
  }

  async revokeKey(workspaceId: string, keyId: string, now: number) {
    return this.transaction(async (c) => {
      const result = await c.run(
        'UPDATE api_keys SET revoked_at = $3 WHERE workspace_id = $1 AND id = $2 AND revoked_at IS NULL',
        [workspaceId, keyId, timestampValue(now)],
      );
      return result.rowsChanged > 0;
    });
  }

  async getJourney(workspaceId: string): Promise<JourneyMap | null> {
    const rows = await this.read('SELECT doc::VARCHAR AS doc FROM journeys WHERE workspace_id = $1', [
      workspaceId,
    ]);
    return rows[0] ? (JSON.parse(rows[0].doc as string) as JourneyMap) : null;
  }

  async setJourney(workspaceId: string, map: JourneyMap, now: number, remap: Record<string, string> = {}) {
    await this.transaction(async (c) => {
      for (const [from, to] of Object.entries(remap)) {
        for (const table of ['events', 'feedback']) {
          await c.run(`UPDATE ${table} SET touchpoint = $3 WHERE workspace_id = $1 AND touchpoint = $2`, [
            workspaceId,
            from,
            to,
          ]);
        }
      }
      await c.run(
        `INSERT INTO journeys VALUES ($1, $2::JSON, $3)
         ON CONFLICT DO UPDATE SET doc = excluded.doc, updated_at = excluded.updated_at`,
        [workspaceId, JSON.stringify(map), timestampValue(now)],
      );
    });
  }

  async touchpointUsage(workspaceId: string) {
    const rows = await this.readRows(
      row({ touchpoint: text, n: num }),
      `SELECT touchpoint, sum(n) AS n FROM (
         SELECT touchpoint, count(*) AS n FROM events WHERE workspace_id = $1 AND touchpoint IS NOT NULL GROUP BY 1
         UNION ALL
         SELECT touchpoint, count(*) FROM feedback WHERE workspace_id = $1 GROUP BY 1
       ) GROUP BY touchpoint`,
      [workspaceId],
    );
    return new Map(rows.map((r) => [r.touchpoint, r.n]));
  }

  /** Stores one batch, all of it or none; see IngestPipeline for how batches are grouped. */
  ingest(workspaceId: string, batch: IngestBatch): Promise<IngestOutcome> {
    return this.storage.write(() => this.pipeline.submit(workspaceId, batch));
  }

  ingestAll(workspaceId: string, batches: AsyncIterable<IngestBatch>): Promise<IngestOutcome> {
    return this.storage.write(() => this.pipeline.runExclusive(workspaceId, batches));
  }

  async counts(workspaceId: string) {
    const rows = await this.read(
      `SELECT (SELECT count(*) FROM customer_activity WHERE workspace_id = $1) AS customers,
              (SELECT count(*) FROM events WHERE workspace_id = $1) AS events,
              (SELECT count(*) FROM feedback WHERE workspace_id = $1) AS feedback`,
      [workspaceId],
    );
    const row = rows[0]!;
    return {
      customers: row.customers as number,
      events: row.events as number,
      feedback: row.feedback as number,
    };
  }

  async timeline(
    workspaceId: string,
    customerId: string,
    page: { limit: number; cursor?: string },
  ): Promise<TimelinePage> {
    return this.storage.read(() =>
      timelinePage((sql, params) => this.rows(this.reader, sql, params), workspaceId, customerId, page),
    );
  }

  read(sql: string, params: SqlValue[] = []) {
    return this.storage.read(() => this.rows(this.reader, sql, params));
  }

  readRows<T>(decode: RowDecoder<T>, sql: string, params: SqlValue[] = []): Promise<T[]> {
    return this.storage.read(() => this.readRowsNow(decode, sql, params));
  }

  private async readRowsNow<T>(decode: RowDecoder<T>, sql: string, params: SqlValue[] = []): Promise<T[]> {
    const reader = await this.reader.runAndReadAll(sql, params.map(toDuckValue));
    // The decoder converts BIGINT and TIMESTAMP itself: no fromDuckRow copy of each row first.
    return reader.getRowObjectsJS().map((row) => decode(row as Record<string, unknown>));
  }

  write(statements: SqlStatement[], domainEvents: DomainEvent[] = []): Promise<WriteResult[]> {
    return this.storage.write(() => this.grouped.write(statements, domainEvents));
  }

  readDomainEvents(after: number, limit: number): Promise<StoredDomainEvent[]> {
    return this.storage.read(() => this.outbox.read(this.reader, after, limit));
  }

  holdCursor<T>(subscriber: string, work: (cursor: HeldCursor) => Promise<T>): Promise<{ value: T } | null> {
    // Not storage.read: that runs its work again after a reopen, and `work` may have sent messages.
    return this.outbox.hold(
      subscriber,
      (sql, params) => this.storage.read(() => this.rows(this.reader, sql, params)),
      (sql, params) => this.transaction((c) => c.run(sql, params)).then(() => undefined),
      work,
    );
  }

  /**
   * DuckDB leaves deleted rows in the file's freed blocks (even after CHECKPOINT or rewriting a
   * table: measured, see docs/privacy.md), so the whole database is copied into a
   * new file, which never held them, and that file replaces the old one by rename. Every read and
   * write waits meanwhile. A crash before the rename leaves the old file (and a stray
   * `.compact`, removed by the next attempt); after it, the new one: never a mix.
   */
  async reclaim(): Promise<ReclaimReport> {
    const size = () => (this.path === ':memory:' ? 0 : statSync(this.path).size);
    if (this.path === ':memory:')
      return { engine: 'duckdb', rewritten: false, bytesBefore: 0, bytesAfter: 0 };
    const bytesBefore = size();
    const fresh = `${this.path}.compact`;
    await this.storage.exclusive(() =>
      this.writes.run(async () => {
        await this.pipeline.drain();
        for (const file of [fresh, `${fresh}.wal`]) rmSync(file, { force: true });
        await this.writer.run('CHECKPOINT');
        const [name] = await this.rows(this.writer, 'SELECT current_database() AS name');
        const quoted = (v: string) => `'${v.replaceAll("'", "''")}'`;
        await this.writer.run(`ATTACH ${quoted(fresh)} AS cxloop_compact`);
        await this.writer.run(
          `COPY FROM DATABASE "${String(name!.name).replaceAll('"', '""')}" TO cxloop_compact`,
        );
        await this.writer.run('DETACH cxloop_compact');
        for (const connection of [this.reader, this.writer, this.ingester]) connection.closeSync();
        this.instance.closeSync();
        chmodSync(fresh, 0o600);
        renameSync(fresh, this.path);
        rmSync(`${this.path}.wal`, { force: true });
        await this.attach();
      }),
    );
    return { engine: 'duckdb', rewritten: true, bytesBefore, bytesAfter: size() };
  }
}
