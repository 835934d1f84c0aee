import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { tempDir } from '../helpers.ts';

const tmp = tempDir('cxloop-cli-');
after(tmp.cleanup);

function cxloop(...args: string[]) {
  const result = spawnSync(process.execPath, ['bin/cxloop.js', ...args], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const db = join(tmp.dir, 'cli.duckdb');
const line = (over: Record<string, unknown> = {}) =>
  JSON.stringify({
    id: 'e1',
    customerId: 'c1',
    name: 'Order Completed',
    timestamp: '2025-02-01T10:00:00Z',
    ...over,
  });

describe('the cxloop CLI contract', () => {
  test('keys create --format json prints key, kind and workspace; list never shows the key', () => {
    const created = cxloop('keys', 'create', '--kind', 'ingest', '--format', 'json', '--db', db);
    assert.equal(created.code, 0, created.stderr);
    const json = JSON.parse(created.stdout) as { key: string; kind: string; workspace: string };
    assert.equal(json.kind, 'ingest');
    assert.equal(json.workspace, 'default');
    assert.match(json.key, /^cx_ingest_/);
    const listed = cxloop('keys', 'list', '--format', 'json', '--db', db);
    assert.ok(!listed.stdout.includes(json.key));
    assert.equal((JSON.parse(listed.stdout) as { keys: unknown[] }).keys.length, 1);
  });

  test('--workspace selects (and on first use creates) a workspace', () => {
    const created = cxloop(
      'keys',
      'create',
      '--kind',
      'secret',
      '--format',
      'json',
      '--db',
      db,
      '--workspace',
      'shop-2',
    );
    assert.equal((JSON.parse(created.stdout) as { workspace: string }).workspace, 'shop-2');
    const bad = cxloop('keys', 'list', '--db', db, '--workspace', 'Bad Name!');
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /workspace/);
  });

  test('journey show --format json has stages with phase and touchpoints', () => {
    const shown = cxloop('journey', 'show', '--format', 'json', '--db', db);
    const map = JSON.parse(shown.stdout) as {
      stages: { id: string; phase: string; touchpoints: { id: string; channel: string }[] }[];
    };
    assert.equal(map.stages[0]!.id, 'awareness');
    assert.equal(map.stages[0]!.phase, 'pre-purchase');
    assert.ok(
      map.stages.flatMap((s) => s.touchpoints).some((t) => t.id === 'checkout' && t.channel === 'web'),
    );
  });

  test('import: a file with an invalid line stores nothing and names the line', () => {
    const file = join(tmp.dir, 'events.jsonl');
    writeFileSync(
      file,
      [line({ id: 'i1' }), line({ id: 'i2', timestamp: 'tuesday' }), '{oops', line({ id: 'i3' })].join('\n') +
        '\n',
    );
    const refused = cxloop('import', file, '--kind', 'events', '--db', db);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /line 2: timestamp/);
    assert.match(refused.stderr, /line 3: \(line\)/);
    assert.match(refused.stderr, /nothing was stored/);
    const importSkipping = [
      'import',
      file,
      '--kind',
      'events',
      '--skip-invalid',
      '--format',
      'json',
      '--db',
      db,
    ];
    const skipped = cxloop(...importSkipping);
    assert.equal(skipped.code, 0, skipped.stderr);
    const summary = JSON.parse(skipped.stdout) as { stored: number; rejected: number; rejectsFile: string };
    assert.equal(summary.stored, 2);
    assert.equal(summary.rejected, 2);
    const rejects = readFileSync(summary.rejectsFile, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { line: number });
    assert.deepEqual(
      rejects.map((r) => r.line),
      [2, 3],
    );
    const again = cxloop(...importSkipping);
    assert.deepEqual(JSON.parse(again.stdout) as { stored: number; duplicates: number }, {
      ...JSON.parse(again.stdout),
      stored: 0,
      duplicates: 2,
    });
  });

  test('import: CSV feedback with one column per field', () => {
    const file = join(tmp.dir, 'feedback.csv');
    writeFileSync(
      file,
      'id,customerId,touchpoint,metric,score,comment,timestamp\n' +
        'f1,c1,delivery,csat,2,"late, and the box was wet",2025-02-03T10:00:00Z\n' +
        'f2,c2,checkout,ces,6,,2025-02-03T11:00:00Z\n',
    );
    const result = cxloop('import', file, '--kind', 'feedback', '--format', 'json', '--db', db);
    assert.equal(result.code, 0, result.stderr);
    assert.equal((JSON.parse(result.stdout) as { stored: number }).stored, 2);
  });

  test('journey set refuses a map that orphans stored data, and accepts it with --remap', () => {
    const map = JSON.parse(cxloop('journey', 'show', '--format', 'json', '--db', db).stdout) as {
      stages: { touchpoints: { id: string }[] }[];
    };
    for (const stage of map.stages) stage.touchpoints = stage.touchpoints.filter((t) => t.id !== 'checkout');
    const file = join(tmp.dir, 'journey.json');
    writeFileSync(file, JSON.stringify(map));
    const refused = cxloop('journey', 'set', file, '--db', db);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /touchpoints\.checkout/);
    const accepted = cxloop('journey', 'set', file, '--remap', 'checkout=payment', '--db', db);
    assert.equal(accepted.code, 0, accepted.stderr);
  });

  test('while a server holds the database, a writing command says what to do and does not hang', async () => {
    const serverDb = join(tmp.dir, 'held.duckdb');
    const server = spawn(process.execPath, ['bin/cxloop.js', 'serve', '--db', serverDb, '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let out = '';
      for await (const chunk of server.stdout!) {
        out += chunk;
        if (out.includes('running at')) break;
      }
      const url = out.match(/running at (\S+)/)![1]!;
      const started = Date.now();
      const result = cxloop('keys', 'create', '--kind', 'secret', '--db', serverDb);
      assert.ok(Date.now() - started < 30_000);
      assert.equal(result.code, 3);
      assert.match(result.stderr, /held by the cxloop server/);
      assert.ok(result.stderr.includes(url), 'names the server URL');
      assert.ok(existsSync(`${serverDb}.server.json`));
    } finally {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    }
    assert.ok(!existsSync(`${serverDb}.server.json`), 'a clean shutdown removes the server note');
  });
});
