import assert from 'node:assert/strict';
import { request } from 'node:http';
import { test } from 'node:test';
import {
  SIGN_IN_FAILURES_PER_ADDRESS,
  SIGN_IN_FAILURES_PER_WORKSPACE,
} from '../../src/capabilities/workspaces/sign-in-limit.ts';
import { tempDir } from '../helpers.ts';
import { startServerProcess } from '../server-process.ts';

// Finding 11 of issue #13: 3,000 wrong keys at 128/s got no 429. Distinct client addresses are
// real: loopback answers every 127.0.0.0/8 address, so each request binds its own source address.

function signIn(url: string, from: string, key: string) {
  const { hostname, port } = new URL(url);
  const body = JSON.stringify({ key });
  return new Promise<{ status: number; retryAfter: string | undefined; message: string }>(
    (resolve, reject) => {
      const req = request(
        {
          host: hostname,
          port,
          method: 'POST',
          path: '/v1/session',
          localAddress: from,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          let text = '';
          res.on('data', (d) => (text += d));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              retryAfter: res.headers['retry-after'],
              message: (JSON.parse(text) as { error?: { message: string } }).error?.message ?? '',
            }),
          );
        },
      );
      req.on('error', reject);
      req.end(body);
    },
  );
}

test('failed sign-ins are limited per client address and per workspace with 429 and Retry-After', async () => {
  const tmp = tempDir('cxloop-sign-in-');
  const server = await startServerProcess(tmp.db);
  try {
    const secret = server.secretKey!;
    const guess = (n: number) => `cx_secret_${String(n).padStart(32, 'x')}`;

    // One address: its allowance of wrong keys gets 401, then everything from it gets 429.
    for (let i = 0; i < SIGN_IN_FAILURES_PER_ADDRESS; i++) {
      assert.equal((await signIn(server.url, '127.0.0.2', guess(i))).status, 401, `attempt ${i}`);
    }
    const limited = await signIn(server.url, '127.0.0.2', guess(99));
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.retryAfter) >= 1, `Retry-After: ${limited.retryAfter}`);
    assert.match(limited.message, /this address/);
    assert.equal((await signIn(server.url, '127.0.0.2', secret)).status, 429, 'the right key waits too');
    // Another address is not held back.
    assert.equal((await signIn(server.url, '127.0.0.1', secret)).status, 200);

    // Guesses that carry the workspace's key prefix, spread over addresses, count for the workspace.
    const targeted = (n: number) => secret.slice(0, 16) + String(n).padStart(32 - 6, 'y');
    // Sent in parallel per address; the bucket refills 1/s meanwhile, so the 429 may come a few
    // attempts after the allowance on a loaded machine, never before it.
    let failed = 0;
    let workspaceLimited: Awaited<ReturnType<typeof signIn>> | undefined;
    for (let a = 10; !workspaceLimited && a < 40; a++) {
      const replies = await Promise.all(
        Array.from({ length: SIGN_IN_FAILURES_PER_ADDRESS - 1 }, (_, i) =>
          signIn(server.url, `127.0.0.${a}`, targeted(a * 100 + i)),
        ),
      );
      failed += replies.filter((r) => r.status === 401).length;
      workspaceLimited = replies.find((r) => r.status === 429);
    }
    assert.ok(workspaceLimited, 'no 429 for the workspace');
    assert.ok(failed >= SIGN_IN_FAILURES_PER_WORKSPACE, `limited after ${failed} failures`);
    assert.match(workspaceLimited.message, /this workspace/);
    assert.ok(Number(workspaceLimited.retryAfter) >= 1);
    assert.equal((await signIn(server.url, '127.0.0.100', targeted(1))).status, 429);
    // A guess naming no workspace from a fresh address is only a wrong key.
    assert.equal((await signIn(server.url, '127.0.0.101', guess(5000))).status, 401);
  } finally {
    await server.stop();
    tmp.cleanup();
  }
});
