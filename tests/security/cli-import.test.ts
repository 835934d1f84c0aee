import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { DuckDbStore } from '../../src/platform/store/duckdb/store.ts';
import { MIGRATIONS } from '../../src/capabilities/migrations.ts';
import { row, text } from '../../src/platform/store/rows.ts';
import { tempDir } from '../helpers.ts';

// Finding 10 of issue #13: the CLI import ended in a CsvError stack trace on an unclosed quote or
// a ragged row (even with --skip-invalid), refused a UTF-8 byte-order mark in JSON Lines, dropped
// `properties.__proto__` in CSV silently, and spent 10 s and 714 MB on a line of 10^6 columns.

const tmp = tempDir('cxloop-cli-import-');
after(tmp.cleanup);

function cxloop(...args: string[]) {
  const started = Date.now();
  const result = spawnSync(process.execPath, ['bin/cxloop.js', ...args], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, ms: Date.now() - started };
}

async function storedEvents(db: string): Promise<string[]> {
  const store = await DuckDbStore.open(db, MIGRATIONS);
  try {
    return (await store.readRows(row({ id: text }), 'SELECT id FROM events ORDER BY id')).map((r) => r.id);
  } finally {
    await store.close();
  }
}

const HEADER = 'id,customerId,name,timestamp';

test('CSV: an unclosed quote and a ragged row are errors with their line numbers, never a stack trace; --skip-invalid stores the rest', async () => {
  const db = join(tmp.dir, 'csv.duckdb');
  const ragged = join(tmp.dir, 'ragged.csv');
  writeFileSync(
    ragged,
    [
      HEADER,
      'r1,c1,Viewed,2025-02-01T10:00:00Z',
      'r2,c1,Viewed,2025-02-01T10:00:00Z,extra',
      'r3,c1,Viewed,2025-02-01T10:00:00Z',
      '',
    ].join('\n'),
  );
  const refused = cxloop('import', ragged, '--kind', 'events', '--db', db);
  assert.equal(refused.code, 2, refused.stderr);
  assert.match(refused.stderr, /line 3: .*columns/);
  assert.doesNotMatch(refused.stderr, /\n\s+at /, 'no stack trace');
  const skipped = cxloop(
    'import',
    ragged,
    '--kind',
    'events',
    '--skip-invalid',
    '--format',
    'json',
    '--db',
    db,
  );
  assert.equal(skipped.code, 0, skipped.stderr);
  assert.equal(JSON.parse(skipped.stdout).stored, 2);
  assert.equal(JSON.parse(skipped.stdout).rejected, 1);

  const unclosed = join(tmp.dir, 'unclosed.csv');
  writeFileSync(
    unclosed,
    [
      HEADER,
      'q1,c1,Viewed,2025-02-01T10:00:00Z',
      'q2,c1,"Viewed,2025-02-01T10:00:00Z',
      'q3,c1,Viewed,2025-02-01T10:00:00Z',
      '',
    ].join('\n'),
  );
  const open = cxloop('import', unclosed, '--kind', 'events', '--db', db);
  assert.equal(open.code, 2, open.stderr);
  assert.match(open.stderr, /line 3: .*quote/);
  assert.doesNotMatch(open.stderr, /\n\s+at /);
  const rest = cxloop(
    'import',
    unclosed,
    '--kind',
    'events',
    '--skip-invalid',
    '--format',
    'json',
    '--db',
    db,
  );
  assert.equal(rest.code, 0, rest.stderr);
  assert.equal(JSON.parse(rest.stdout).stored, 1);
  assert.deepEqual(await storedEvents(db), ['q1', 'r1', 'r3']);
});

test('a UTF-8 byte-order mark is accepted in JSON Lines and CSV', async () => {
  const db = join(tmp.dir, 'bom.duckdb');
  const jsonl = join(tmp.dir, 'bom.jsonl');
  writeFileSync(
    jsonl,
    '\uFEFF' +
      JSON.stringify({ id: 'b1', customerId: 'c1', name: 'Viewed', timestamp: '2025-02-01T10:00:00Z' }) +
      '\r\n',
  );
  const a = cxloop('import', jsonl, '--kind', 'events', '--format', 'json', '--db', db);
  assert.equal(a.code, 0, a.stderr);
  const csv = join(tmp.dir, 'bom.csv');
  writeFileSync(csv, '\uFEFF' + HEADER + '\r\nb2,c1,Viewed,2025-02-01T10:00:00Z\r\n');
  const b = cxloop('import', csv, '--kind', 'events', '--format', 'json', '--db', db);
  assert.equal(b.code, 0, b.stderr);
  assert.deepEqual(await storedEvents(db), ['b1', 'b2']);
});

test('properties.__proto__ in CSV is refused as over HTTP, not dropped', async () => {
  const db = join(tmp.dir, 'proto.duckdb');
  const csv = join(tmp.dir, 'proto.csv');
  writeFileSync(csv, `${HEADER},properties.__proto__\np1,c1,Viewed,2025-02-01T10:00:00Z,x\n`);
  const refused = cxloop('import', csv, '--kind', 'events', '--db', db);
  assert.equal(refused.code, 2, refused.stderr);
  assert.match(refused.stderr, /line 2: properties\.__proto__: .*not allowed \[forbidden_key\]/);
  assert.deepEqual(await storedEvents(db), []);
});

test('a line of 10^6 columns is refused quickly with a short message (CSV and JSON Lines)', async () => {
  const db = join(tmp.dir, 'huge.duckdb');
  const csv = join(tmp.dir, 'huge.csv');
  writeFileSync(csv, `${HEADER}\nh1,c1,Viewed,2025-02-01T10:00:00Z\n${'x,'.repeat(1_000_000)}\n`);
  const refused = cxloop('import', csv, '--kind', 'events', '--db', db);
  assert.equal(refused.code, 2, refused.stderr);
  assert.match(refused.stderr, /line 3: .*longer than/);
  assert.ok(refused.stderr.length < 2000, `${refused.stderr.length} characters of error`);
  assert.ok(refused.ms < 15_000, `${refused.ms} ms`);

  const wideHeader = join(tmp.dir, 'wide-header.csv');
  writeFileSync(wideHeader, `${'c,'.repeat(5000)}c\nx\n`);
  const wide = cxloop('import', wideHeader, '--kind', 'events', '--db', db);
  assert.equal(wide.code, 2, wide.stderr);
  assert.match(wide.stderr, /line 1: .*columns/);

  const jsonl = join(tmp.dir, 'huge.jsonl');
  const ok = JSON.stringify({
    id: 'j1',
    customerId: 'c1',
    name: 'Viewed',
    timestamp: '2025-02-01T10:00:00Z',
  });
  writeFileSync(jsonl, `${ok}\n[${'1,'.repeat(1_000_000)}1]\n`);
  const skipped = cxloop(
    'import',
    jsonl,
    '--kind',
    'events',
    '--skip-invalid',
    '--format',
    'json',
    '--db',
    db,
  );
  assert.equal(skipped.code, 0, skipped.stderr);
  assert.equal(JSON.parse(skipped.stdout).stored, 1);
  const rejects = readFileSync(`${jsonl}.rejects.jsonl`, 'utf8');
  assert.ok(rejects.length < 1000, `${rejects.length} bytes of rejects`);
  assert.match(rejects, /"line":2.*longer than/);
});
