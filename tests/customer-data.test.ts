import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CUSTOMER_DATA, NOT_CUSTOMER_DATA } from '../src/capabilities/customer-data.ts';
import { MIGRATIONS } from '../src/capabilities/migrations.ts';
import { DuckDbStore } from '../src/platform/store/duckdb/store.ts';
import type { Store } from '../src/platform/store/port.ts';
import { row, text } from '../src/platform/store/rows.ts';
import { tempDir } from './helpers.ts';

/** A column whose name says it holds a person: their id, anonymous id, email or address. */
const CUSTOMERISH = /(^|_)(customer|anonymous|user|email|recipient|person|contact|visitor|phone)(_|$)/i;

/** Tables of the migrated schema with a customer-ish column, or named for customers, that no capability declared. */
async function undeclared(store: Store): Promise<string[]> {
  const columns = await store.readRows(
    row({ table_name: text, column_name: text }),
    `SELECT c.table_name, c.column_name FROM information_schema.columns c
     JOIN information_schema.tables t ON t.table_name = c.table_name AND t.table_schema = c.table_schema
     WHERE t.table_type = 'BASE TABLE' AND c.table_schema = 'main'`,
  );
  const declared = new Set([...CUSTOMER_DATA.map((t) => t.table), ...Object.keys(NOT_CUSTOMER_DATA)]);
  const flagged = new Set(
    columns
      .filter((c) => CUSTOMERISH.test(c.column_name) || /customer|people|person/.test(c.table_name))
      .map((c) => c.table_name),
  );
  return [...flagged].filter((t) => !declared.has(t)).sort();
}

describe('the customer-level tables are declared', () => {
  let store: DuckDbStore;
  const tmp = tempDir();
  before(async () => {
    store = await DuckDbStore.open(tmp.db, MIGRATIONS);
  });
  after(async () => {
    await store.close();
    tmp.cleanup();
  });

  test('every migrated table with a customer-ish column is in capabilities/customer-data.ts', async () => {
    assert.deepEqual(
      await undeclared(store),
      [],
      'declare these in the owning capability`s customer-data.ts (or, with a reason, in NOT_CUSTOMER_DATA)',
    );
  });

  test('every declaration names a table and columns that exist', async () => {
    const columns = await store.readRows(
      row({ table_name: text, column_name: text }),
      `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'main'`,
    );
    const has = new Set(columns.map((c) => `${c.table_name}.${c.column_name}`));
    for (const t of CUSTOMER_DATA) {
      assert.ok(has.has(`${t.table}.workspace_id`), `${t.table} exists, with workspace_id`);
      for (const c of [
        ...(t.customer ?? []),
        ...(t.anonymous ?? []),
        ...(t.email ?? []),
        ...(t.mentions ?? []),
      ])
        assert.ok(has.has(`${t.table}.${c}`), `${t.table}.${c} exists`);
      if (t.via) {
        assert.ok(has.has(`${t.table}.${t.via.column}`), `${t.table}.${t.via.column} exists`);
        const parent = CUSTOMER_DATA.findIndex((p) => p.table === t.via!.table);
        assert.ok(
          parent > CUSTOMER_DATA.indexOf(t),
          `${t.table} comes before ${t.via.table}, which it is found through`,
        );
      }
    }
  });

  test('a table another capability adds with a customer column is caught until declared', async () => {
    await store.write([
      { sql: 'CREATE TABLE loyalty_runs (workspace_id VARCHAR, id VARCHAR, customer_id VARCHAR)' },
      { sql: 'CREATE TABLE workshop_notes (workspace_id VARCHAR, author_email VARCHAR)' },
    ]);
    assert.deepEqual(await undeclared(store), ['loyalty_runs', 'workshop_notes']);
  });
});
