import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { appendChunks, toChunks, type ColumnValues } from './column-append.ts';

test('columns appended through chunks read back exactly: nulls, constants, times before 1970, several chunks', async () => {
  const instance = await DuckDBInstance.create(':memory:');
  const c = await instance.connect();
  await c.run('CREATE TABLE t (k VARCHAR, s VARCHAR, ts TIMESTAMP, i INTEGER, u UINTEGER, d DOUBLE)');
  const n = 5000; // three chunks of at most 2,048 rows
  const times = [
    Date.parse('1900-01-01T00:00:00Z'),
    -1,
    0,
    Date.parse('2025-03-01T12:34:56.789Z'),
    2 ** 41 + 7,
  ];
  const rows = Array.from({ length: n }, (_, i) => ({
    k: 'workspace', // constant within every chunk
    s: i % 7 === 0 ? null : `value ${i} ü ${'x'.repeat(i % 40)}`,
    ts: times[i % times.length]!,
    i: i % 2 ? -i : i,
    u: 4_294_967_295 - i,
    d: i / 3,
  }));
  const columns: ColumnValues[] = [
    { type: 'varchar', values: rows.map((r) => r.k) },
    { type: 'varchar', values: rows.map((r) => r.s) },
    { type: 'timestamp', values: rows.map((r) => r.ts) },
    { type: 'integer', values: rows.map((r) => r.i) },
    { type: 'uinteger', values: Uint32Array.from(rows.map((r) => r.u)) },
    { type: 'double', values: rows.map((r) => r.d) },
  ];
  await c.run('BEGIN TRANSACTION');
  await appendChunks(c, 't', null, toChunks(columns));
  await c.run('COMMIT');
  const reader = await c.runAndReadAll('SELECT k, s, epoch_ms(ts) AS ts, i, u, d FROM t ORDER BY u DESC');
  const back = reader.getRowObjects().map((r) => ({ ...r, ts: Number(r.ts), u: Number(r.u) }));
  assert.deepEqual(back, rows);
  c.closeSync();
  instance.closeSync();
});

test('a time that is not a number fails the append instead of storing 1970', () => {
  assert.throws(() => toChunks([{ type: 'timestamp', values: [0, Number.NaN] }]), /not a time/);
});
