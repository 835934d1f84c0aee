import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MIGRATIONS } from '../../src/capabilities/migrations.ts';
import { PLATFORM_MIGRATIONS } from '../../src/platform/store/platform-migrations.ts';

const REGISTRY = [...PLATFORM_MIGRATIONS, ...MIGRATIONS];

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

// The registry holds both dialects in one entry, so "the same version in both lists" (the old
// length check) holds by construction; what is left to check is that the two texts agree.
test('every migration has both dialects, a unique id, and ids named for their owner', () => {
  const ids = REGISTRY.map((m) => m.id);
  assert.equal(new Set(ids).size, ids.length, 'ids are unique');
  for (const m of REGISTRY) {
    assert.match(m.id, /^[a-z-]+\.[a-z0-9-]+$/, `${m.id} is <owner>.<what>`);
    assert.ok(m.postgres.trim() !== '', `${m.id} has its PostgreSQL text`);
    // Only DuckDB's own spellings, defined on PostgreSQL, have nothing to do on DuckDB.
    if (m.duckdb.trim() === '') assert.equal(m.id, 'platform.duckdb-spellings');
  }
});

test('both dialects create the same tables with the same columns in the same order', () => {
  // DuckDB keeps id hashes for its in-memory duplicate index; PostgreSQL has a unique index instead.
  const duckOnly = new Set(['id_hi', 'id_lo']);
  for (const m of REGISTRY) {
    const duck = tables(m.duckdb);
    const pg = tables(m.postgres);
    // The one entry without tables defines DuckDB's spellings on PostgreSQL.
    if (m.id !== 'platform.duckdb-spellings') assert.ok(duck.size > 0, `${m.id} creates tables`);
    assert.deepEqual([...pg.keys()], [...duck.keys()], `tables of ${m.id}`);
    for (const [name, columns] of duck)
      assert.deepEqual(
        pg.get(name),
        columns.filter((c) => !duckOnly.has(c)),
        `columns of ${name}`,
      );
  }
});

test('the registry covers every version of the numbered lists it replaced, so old databases open', () => {
  const versions = new Set(REGISTRY.flatMap((m) => (m.legacyVersion === undefined ? [] : [m.legacyVersion])));
  assert.deepEqual([...versions].sort(), [1, 2, 3, 4, 5]);
});
