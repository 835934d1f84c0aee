/**
 * `cxloop audit list|export` through a running server and on the file, and `cxloop customers
 * export|erase` on the file: the export directory holds the customer; after the erasure neither
 * the database file nor a new export of another customer holds their id or email.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { tempDir } from '../helpers.ts';
import { startServerProcess } from '../server-process.ts';

function cxloop(...args: string[]) {
  const result = spawnSync(process.execPath, ['bin/cxloop.js', ...args], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const ID = 'cli-erase-5521';
const EMAIL = 'cli.erase.5521@victim.example';

/** Whether any file in the paths (files or directories) contains the value's bytes. */
function found(paths: string[], value: string): boolean {
  const files = paths.flatMap((p) => {
    if (!existsSync(p)) return [];
    return p.endsWith('/') ? readdirSync(p).map((f) => join(p, f)) : [p];
  });
  return files.some((f) => readFileSync(f).includes(Buffer.from(value)));
}

test('audit and data subject requests from the CLI', { timeout: 300_000 }, async () => {
  const tmp = tempDir('cxloop-privacy-cli-');
  try {
    const server = await startServerProcess(tmp.db);
    try {
      const post = (path: string, body: unknown, key = server.ingestKey!) =>
        fetch(`${server.url}${path}`, {
          method: path === '/v1/retention' ? 'PUT' : 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      assert.equal((await post('/v1/identify', { customerId: ID, traits: { email: EMAIL } })).status, 200);
      assert.equal(
        (await post('/v1/identify', { customerId: 'cli-keep-1', traits: { email: 'keep@example.com' } }))
          .status,
        200,
      );
      assert.equal(
        (await post('/v1/retention', { eventsDays: 365, commentsDays: null }, server.secretKey!)).status,
        200,
      );
      const list = cxloop('audit', 'list', '--db', tmp.db, '--format', 'json');
      assert.equal(list.code, 0, list.stderr);
      const listed = JSON.parse(list.stdout) as { entries: { operation: string; diff: unknown[] }[] };
      assert.deepEqual(
        listed.entries.map((e) => e.operation),
        // The test server's admin signed in with the first-start link and made the secret key.
        ['retention.replace', 'key.create', 'session.sign-in'],
        'read through the running server',
      );
    } finally {
      await server.stop();
    }
    const out = join(tmp.dir, 'export') + '/';
    const exported = cxloop('customers', 'export', ID, '--db', tmp.db, '--out', out);
    assert.equal(exported.code, 0, exported.stderr);
    assert.ok(readdirSync(out).includes('customer.json') && readdirSync(out).includes('customers.csv'));
    assert.ok(found([out], EMAIL), 'the export holds the customer');
    const refused = cxloop('customers', 'erase', ID, '--db', tmp.db);
    assert.notEqual(refused.code, 0, 'erasure needs --yes');
    const erased = cxloop('customers', 'erase', ID, '--db', tmp.db, '--yes');
    assert.equal(erased.code, 0, erased.stderr);
    assert.match(erased.stdout, /database file rewritten/);
    assert.ok(!found([tmp.db, `${tmp.db}.wal`], ID) && !found([tmp.db, `${tmp.db}.wal`], EMAIL));
    const other = join(tmp.dir, 'other') + '/';
    assert.equal(cxloop('customers', 'export', 'cli-keep-1', '--db', tmp.db, '--out', other).code, 0);
    assert.ok(!found([other], ID) && !found([other], EMAIL), 'no later export holds the erased customer');
    const unknown = cxloop('customers', 'erase', ID, '--db', tmp.db, '--yes');
    assert.equal(unknown.code, 1, 'an erased (now unknown) customer is not found');
    const jsonl = cxloop('audit', 'export', '--db', tmp.db);
    assert.equal(jsonl.code, 0, jsonl.stderr);
    const lines = jsonl.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { operation: string; actor: { kind: string } });
    assert.deepEqual(
      lines.map((l) => l.operation),
      [
        'customer.export',
        'customer.erase',
        'customer.export',
        'retention.replace',
        'key.create',
        'session.sign-in',
      ],
    );
    assert.equal(lines[1]!.actor.kind, 'cli');
    assert.ok(!jsonl.stdout.includes(ID));
  } finally {
    tmp.cleanup();
  }
});
