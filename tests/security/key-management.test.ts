import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { tempDir } from '../helpers.ts';
import { startServerProcess } from '../server-process.ts';

// Finding 12 of issue #13: keys could not be managed while serving, revoking every key made the
// next start print a new secret key, and the banner printed the full secret key on every start.

const cxloop = (...args: string[]) =>
  spawnSync(process.execPath, ['bin/cxloop.js', ...args], { encoding: 'utf8', timeout: 60_000 });

async function api(url: string, key: string, method: string, path: string, body?: unknown) {
  const res = await fetch(url + path, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, text, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

test('keys are created, listed and revoked while serving; a secret is shown once; revoking all never mints one silently', async () => {
  const tmp = tempDir('cxloop-keys-');
  try {
    let server = await startServerProcess(tmp.db);
    const first = server.secretKey!;
    assert.match(first, /^cx_secret_/);
    assert.doesNotMatch(
      readFileSync(`${tmp.db}.keys.json`, 'utf8'),
      new RegExp(first),
      'the secret is not kept on disk',
    );

    const created = await api(server.url, first, 'POST', '/v1/keys', { kind: 'secret' });
    assert.equal(created.status, 201, created.text);
    const second = created.json.key as string;
    assert.match(second, /^cx_secret_/);
    assert.equal(second.slice(0, 16), created.json.prefix);
    const listed = await api(server.url, second, 'GET', '/v1/keys');
    assert.equal(listed.status, 200);
    assert.equal((listed.json.keys as unknown[]).length, 3);
    assert.ok(!listed.text.includes(first) && !listed.text.includes(second), 'lists show prefixes only');
    assert.equal((await api(server.url, server.ingestKey!, 'GET', '/v1/keys')).status, 403);
    assert.equal(
      (await api(server.url, server.ingestKey!, 'POST', '/v1/keys', { kind: 'secret' })).status,
      403,
    );
    assert.equal((await api(server.url, first, 'POST', '/v1/keys', { kind: 'admin' })).status, 400);

    // Revoking takes effect at once in this process; the last secret key cannot be revoked here.
    const firstId = (listed.json.keys as { id: string; prefix: string }[]).find((k) =>
      first.startsWith(k.prefix),
    )!.id;
    assert.equal((await api(server.url, second, 'DELETE', `/v1/keys/${firstId}`)).status, 204);
    assert.equal((await api(server.url, first, 'GET', '/v1/keys')).status, 401);
    const secondId = created.json.id as string;
    const last = await api(server.url, second, 'DELETE', `/v1/keys/${secondId}`);
    assert.equal(last.status, 409, last.text);
    assert.equal((await api(server.url, second, 'DELETE', '/v1/keys/key_nothere')).status, 404);
    await server.stop();

    // A later start prints the ingest key and never the full secret key.
    server = await startServerProcess(tmp.db);
    assert.equal(server.secretKey, undefined);
    assert.ok(!server.stdout().includes(first) && !server.stdout().includes(second), server.stdout());
    await server.stop();

    // Every key revoked (the CLI works on the stopped server): the next start mints nothing and says how to recover.
    for (const k of JSON.parse(cxloop('keys', 'list', '--format', 'json', '--db', tmp.db).stdout).keys as {
      id: string;
      revokedAt: string | null;
    }[]) {
      if (k.revokedAt === null) assert.equal(cxloop('keys', 'revoke', k.id, '--db', tmp.db).status, 0);
    }
    server = await startServerProcess(tmp.db);
    assert.equal(server.secretKey, undefined);
    assert.equal(server.ingestKey, undefined);
    assert.match(server.stdout(), /none live: stop the server and run `cxloop keys create --kind secret`/);
    await server.stop();
    const recovered = cxloop('keys', 'create', '--kind', 'secret', '--format', 'json', '--db', tmp.db);
    assert.equal(recovered.status, 0, recovered.stderr);
    server = await startServerProcess(tmp.db);
    const key = (JSON.parse(recovered.stdout) as { key: string }).key;
    assert.equal((await api(server.url, key, 'GET', '/v1/keys')).status, 200);
    await server.stop();
  } finally {
    tmp.cleanup();
  }
});
