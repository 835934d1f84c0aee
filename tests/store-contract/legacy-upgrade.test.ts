import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { PLATFORM_MIGRATIONS } from '../../src/platform/store/platform-migrations.ts';
import { MIGRATIONS } from '../../src/capabilities/migrations.ts';
import { DomainError } from '../../src/platform/errors.ts';
import type { Migration } from '../../src/platform/store/migrations.ts';
import { connect } from '../../src/platform/store/postgres/connect.ts';
import { DuckDbStore } from '../../src/platform/store/duckdb/store.ts';
import { PostgresStore } from '../../src/platform/store/postgres/store.ts';
import type { Store } from '../../src/platform/store/port.ts';
import { tempDir } from '../helpers.ts';
import { startPgServer, type PgServer } from '../pg-server.ts';
import { LEGACY_DUCKDB } from './legacy/duckdb-migrations.ts';
import { LEGACY_POSTGRES } from './legacy/postgres-migrations.ts';

/**
 * Databases made before the migration registry (numbered per-dialect lists in
 * `schema_migrations`) open with the registry without losing a row: their tables are adopted by
 * id, only what is new runs, and a database from a newer cxloop is refused. The old schema is
 * built here with the old lists and the old loop, exactly as main did before the registry.
 */

/** A migration written after the registry, to show that an upgraded database gets it. */
const LATER: Migration = {
  id: 'test.after-registry',
  duckdb: 'CREATE TABLE later_table (workspace_id VARCHAR NOT NULL, note VARCHAR);',
  postgres: 'CREATE TABLE later_table (workspace_id text NOT NULL, note text);',
};

/** Rows as the old code wrote them: shared SQL with `$n` parameters, one statement each. */
const ROWS: [string, unknown[]][] = [
  ["INSERT INTO workspaces VALUES ('acme', 'Acme', $1)", []],
  ["INSERT INTO journeys VALUES ('acme', $2, $1)", []],
  ["INSERT INTO customers VALUES ('acme', 'c1', '{\"plan\":\"pro\"}', $1, $1)", []],
  [
    "INSERT INTO feedback VALUES ('acme', 'f1', 'c1', 'delivery', 'csat', 2, 1, 5, 'late', $1, $1, 'api'__HASH__)",
    [],
  ],
  ["INSERT INTO surveys VALUES ('acme', 's1', '{\"id\":\"s1\"}', 1, true, $1, $1)", []],
];
const JOURNEY = { name: 'Shop', stages: [] };
const WHEN = '2025-06-01 10:00:00';

async function readBack(store: Store) {
  assert.deepEqual(
    (await store.listWorkspaces()).map((w) => w.id),
    ['acme'],
  );
  assert.deepEqual(await store.counts('acme'), { customers: 1, events: 0, feedback: 1 });
  assert.deepEqual(await store.getJourney('acme'), JOURNEY);
  const [survey] = await store.read("SELECT id, version FROM surveys WHERE workspace_id = 'acme'");
  assert.deepEqual({ ...survey, version: Number(survey!.version) }, { id: 's1', version: 1 });
  const [comment] = await store.read("SELECT comment FROM feedback WHERE id = 'f1'");
  assert.equal(comment!.comment, 'late');
}

async function appliedIds(store: Store): Promise<string[]> {
  const rows = await store.read('SELECT id FROM applied_migrations ORDER BY id');
  return rows.map((r) => String(r.id));
}

const everyId = (extra: Migration[] = []) =>
  [...PLATFORM_MIGRATIONS.map((m) => m.id), ...MIGRATIONS.map((m) => m.id), ...extra.map((m) => m.id)].sort();

const isTooNew = (error: unknown) => error instanceof DomainError && error.code === 'schema_too_new';

describe('a DuckDB file from before the registry', () => {
  const tmp = tempDir('cxloop-legacy-');
  after(() => tmp.cleanup());

  before(async () => {
    // The old DuckDbStore.migrate(), verbatim, then rows written by the old code's statements.
    const instance = await DuckDBInstance.create(tmp.db);
    const c = await instance.connect();
    await c.run(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMP)',
    );
    for (let version = 1; version <= LEGACY_DUCKDB.length; version++) {
      await c.run('BEGIN TRANSACTION');
      await c.run(LEGACY_DUCKDB[version - 1]!);
      await c.run(`INSERT INTO schema_migrations VALUES (${version}, now())`);
      await c.run('COMMIT');
    }
    for (const [sql] of ROWS) {
      await c.run(
        sql
          .replace(/\$1/g, `TIMESTAMP '${WHEN}'`)
          .replace('$2', `'${JSON.stringify(JOURNEY)}'`)
          .replace('__HASH__', ', 1, 2'),
      );
    }
    c.closeSync();
    instance.closeSync();
  });

  test('opens with the registry: every row is there, old tables adopted, new ones applied', async () => {
    const store = await DuckDbStore.open(tmp.db, [...MIGRATIONS, LATER]);
    try {
      await readBack(store);
      assert.deepEqual(await appliedIds(store), everyId([LATER]));
      // The later migration ran (its table exists and takes rows); the adopted ones did not run again.
      await store.write([{ sql: "INSERT INTO later_table VALUES ('acme', 'after')", params: [] }]);
    } finally {
      await store.close();
    }
    const again = await DuckDbStore.open(tmp.db, [...MIGRATIONS, LATER]);
    try {
      await readBack(again);
      assert.equal((await again.read('SELECT count(*) AS n FROM later_table'))[0]!.n, 1);
    } finally {
      await again.close();
    }
  });

  test('a cxloop that lacks a migration the database has refuses to open it, and changes nothing', async () => {
    await assert.rejects(DuckDbStore.open(tmp.db, MIGRATIONS), isTooNew);
    const store = await DuckDbStore.open(tmp.db, [...MIGRATIONS, LATER]);
    try {
      await readBack(store);
    } finally {
      await store.close();
    }
  });
});

describe('a PostgreSQL database from before the registry', () => {
  let server: PgServer;
  let url: string;

  before(async () => {
    server = await startPgServer();
    url = await server.createDatabase();
    // The old postgres/migrate.ts, verbatim, then rows written by the old code's statements.
    const sql = connect(url);
    await sql.begin(async (tx) => {
      await tx.unsafe(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL)',
      );
      for (let version = 1; version <= LEGACY_POSTGRES.length; version++) {
        await tx.unsafe(LEGACY_POSTGRES[version - 1]!).simple();
        await tx.unsafe('INSERT INTO schema_migrations VALUES ($1, now())', [version]);
      }
      for (const [text] of ROWS)
        await tx.unsafe(
          text.replace('__HASH__', ''),
          [`${WHEN}+00`, JSON.stringify(JOURNEY)].slice(0, text.includes('$2') ? 2 : 1),
        );
    });
    await sql.end();
  });
  after(async () => server?.stop());

  test('opens with the registry: every row is there, old tables adopted, new ones applied', async () => {
    const store = await PostgresStore.open(url, [...MIGRATIONS, LATER]);
    try {
      await readBack(store);
      assert.deepEqual(await appliedIds(store), everyId([LATER]));
      await store.write([{ sql: "INSERT INTO later_table VALUES ('acme', 'after')", params: [] }]);
    } finally {
      await store.close();
    }
    const again = await PostgresStore.open(url, [...MIGRATIONS, LATER]);
    try {
      await readBack(again);
      assert.equal(Number((await again.read('SELECT count(*) AS n FROM later_table'))[0]!.n), 1);
    } finally {
      await again.close();
    }
  });

  test('a cxloop that lacks a migration the database has refuses to open it, and changes nothing', async () => {
    await assert.rejects(PostgresStore.open(url, MIGRATIONS), (error: unknown) =>
      isTooNew(error instanceof Error && error.cause ? error.cause : error),
    );
    const store = await PostgresStore.open(url, [...MIGRATIONS, LATER]);
    try {
      await readBack(store);
    } finally {
      await store.close();
    }
  });
});
