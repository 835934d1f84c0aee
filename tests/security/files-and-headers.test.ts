import assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { test } from 'node:test';
import { tempDir } from '../helpers.ts';
import { startServerProcess } from '../server-process.ts';

// Finding 13 of issue #13: the database file was 0644, the survey and unsubscribe pages sent no
// CSP, framing or referrer policy, and a client closing its connection was logged as an error.

test('the database and its siblings are owner-only; public pages forbid framing, scripts and referrers; client aborts are not errors', async () => {
  const tmp = tempDir('cxloop-files-');
  const server = await startServerProcess(tmp.db, [], { LOG_LEVEL: 'info' });
  try {
    // A write, so that the WAL exists beside the file.
    const sent = await fetch(`${server.url}/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.ingestKey}`, 'content-type': 'application/json' },
      body: JSON.stringify([
        { id: 'e1', customerId: 'c1', name: 'Viewed', timestamp: '2025-06-01T00:00:00Z' },
      ]),
    });
    assert.equal(sent.status, 200);
    const files = [tmp.db, `${tmp.db}.wal`, `${tmp.db}.keys.json`, `${tmp.db}.server.json`].filter((f) =>
      existsSync(f),
    );
    assert.ok(files.includes(tmp.db));
    for (const file of files) {
      assert.equal((statSync(file).mode & 0o777).toString(8), '600', file);
    }

    for (const path of ['/s/not-a-token', '/u/not-a-token']) {
      const page = await fetch(`${server.url}${path}`);
      assert.match(page.headers.get('content-type') ?? '', /html/, path);
      const csp = page.headers.get('content-security-policy') ?? '';
      assert.match(csp, /frame-ancestors 'none'/, path);
      assert.match(csp, /default-src 'none'/, path);
      assert.doesNotMatch(csp, /script-src/, path);
      assert.equal(page.headers.get('x-frame-options'), 'DENY', path);
      assert.equal(page.headers.get('referrer-policy'), 'no-referrer', path);
    }

    // A client that goes away mid-body.
    const { hostname, port } = new URL(server.url);
    for (let i = 0; i < 3; i++) {
      const socket = connect(Number(port), hostname);
      await new Promise<void>((r) => socket.once('connect', () => r()));
      socket.write(
        `POST /v1/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${server.ingestKey}\r\n` +
          `Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"events":[`,
      );
      await new Promise((r) => setTimeout(r, 200));
      socket.destroy();
    }
    const deadline = Date.now() + 10_000;
    while (!/client closed the request/.test(server.stderr()) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const lines = server
      .stderr()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { level: number; msg: string });
    assert.ok(
      lines.some((l) => l.msg === 'client closed the request' && l.level <= 30),
      server.stderr(),
    );
    assert.deepEqual(
      lines.filter((l) => l.level >= 50),
      [],
    );
  } finally {
    await server.stop();
    tmp.cleanup();
  }
});
