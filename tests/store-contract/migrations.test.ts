import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MIGRATIONS as DUCKDB } from '../../src/platform/store/duckdb/migrations.ts';
import { MIGRATIONS as POSTGRES } from '../../src/platform/store/postgres/migrations.ts';

/** Table names and their column lists, in order, as a migration creates them. */
function tables(ddl: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const m of ddl.matchAll(/CREATE TABLE (\w+) \(([\s\S]*?)\n\s*\);/g)) {
    const columns = m[2]!
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('--') && !/^(PRIMARY KEY|UNIQUE)\b/.test(line))
      .map((line) => line.split(/\s+/)[0]!);
    out.set(m[1]!, columns);
  }
  return out;
}

test('every DuckDB migration has its PostgreSQL counterpart at the same version', () => {
  assert.equal(
    POSTGRES.length,
    DUCKDB.length,
    'a migration was added to one dialect only: add its equivalent to src/platform/store/postgres/migrations.ts',
  );
});

test('both dialects create the same tables with the same columns in the same order', () => {
  // DuckDB keeps id hashes for its in-memory duplicate index; PostgreSQL has a unique index instead.
  const duckOnly = new Set(['id_hi', 'id_lo']);
  DUCKDB.forEach((ddl, i) => {
    const duck = tables(ddl);
    const pg = tables(POSTGRES[i]!);
    assert.ok(duck.size > 0, `version ${i + 1} creates tables`);
    assert.deepEqual([...pg.keys()], [...duck.keys()], `tables of version ${i + 1}`);
    for (const [name, columns] of duck)
      assert.deepEqual(
        pg.get(name),
        columns.filter((c) => !duckOnly.has(c)),
        `columns of ${name}`,
      );
  });
});
