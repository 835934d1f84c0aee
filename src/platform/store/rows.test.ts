import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDbStore } from './duckdb/store.ts';
import { bool, epochMs, json, nullable, num, numbered, oneOf, row, RowShapeError, text } from './rows.ts';
import { MIGRATIONS } from '../../capabilities/migrations.ts';

// A real DuckDB file: the decoders check what the adapter really hands back, not hand-made rows.
const dir = mkdtempSync(join(tmpdir(), 'cxloop-rows-'));
let store: DuckDbStore;
before(async () => (store = await DuckDbStore.open(join(dir, 'test.duckdb'), MIGRATIONS)));
after(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const SQL = `SELECT 'a' AS id, CAST(42 AS BIGINT) AS n, 0.5 AS share, TIMESTAMP '2025-06-01 10:00:00' AS at,
  true AS flag, CAST('{"k": [1, 2]}' AS JSON) AS doc, CAST(NULL AS VARCHAR) AS missing, 'good' AS kind,
  1 AS c_0, 2 AS c_1`;

test('a decoder gives typed rows from what the store reads: BIGINT, TIMESTAMP, JSON, NULL', async () => {
  const decode = row({
    id: text,
    n: num,
    share: num,
    at: epochMs,
    flag: bool,
    doc: json,
    missing: nullable(text),
    kind: oneOf('good', 'bad'),
  });
  const rows = await store.readRows(decode, SQL);
  assert.deepEqual(rows, [
    {
      id: 'a',
      n: 42,
      share: 0.5,
      at: Date.parse('2025-06-01T10:00:00Z'),
      flag: true,
      doc: { k: [1, 2] },
      missing: null,
      kind: 'good',
    },
  ]);
  assert.deepEqual((await store.readRows(numbered('c_', 2, num), SQL))[0], [1, 2]);
});

test('a query and its decoder that disagree fail with the column named, not with a wrong value later', async () => {
  const cases: [Parameters<typeof row>[0], RegExp][] = [
    [{ n: text }, /column "n": expected text, got bigint/],
    [{ id: num }, /column "id": expected a number, got string/],
    [{ missing: text }, /column "missing": expected text, got null/],
    [{ kind: oneOf('bad', 'unassessed') }, /column "kind": expected bad \| unassessed, got string/],
    [{ absent: num }, /column "absent": expected a number, got undefined/],
  ];
  for (const [shape, message] of cases) {
    await assert.rejects(store.readRows(row(shape), SQL), (error: unknown) => {
      assert.ok(error instanceof RowShapeError);
      assert.match(error.message, message);
      return true;
    });
  }
});
