import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { test } from 'node:test';
import { LIMITS } from '../../src/core/ingest/limits.ts';
import { tempDir } from '../helpers.ts';
import { startServerProcess } from '../server-process.ts';

// Finding 9 of issue #13: a 413 said keep-alive and then closed the socket, so a keep-alive client's
// next request on it failed, and the client sometimes never read the 413 at all.

/** Reads one HTTP/1.1 reply (headers and a Content-Length body) from the socket. */
function readReply(socket: Socket, timeoutMs = 10_000) {
  return new Promise<{ status: number; headers: Record<string, string>; body: string }>((resolve, reject) => {
    let data = Buffer.alloc(0);
    const timer = setTimeout(() => done(new Error(`no complete reply in ${timeoutMs} ms`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      data = Buffer.concat([data, chunk]);
      const end = data.indexOf('\r\n\r\n');
      if (end < 0) return;
      const [statusLine, ...lines] = data.subarray(0, end).toString('latin1').split('\r\n');
      const headers = Object.fromEntries(
        lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
      );
      const length = Number(headers['content-length'] ?? 0);
      if (data.length < end + 4 + length) return;
      done(null, {
        status: Number(statusLine!.split(' ')[1]),
        headers,
        body: data.subarray(end + 4, end + 4 + length).toString('utf8'),
      });
    };
    const onClose = () => done(new Error(`the socket closed before a complete reply (${data.length} bytes)`));
    const onError = (err: Error) => done(err);
    function done(
      err: Error | null,
      reply?: { status: number; headers: Record<string, string>; body: string },
    ) {
      clearTimeout(timer);
      socket.off('data', onData).off('close', onClose).off('error', onError);
      if (err) reject(err);
      else resolve(reply!);
    }
    socket.on('data', onData).on('close', onClose).on('error', onError);
  });
}

test('a 413 is read by the client, and a keep-alive client can send its next request (raw socket)', async () => {
  const tmp = tempDir('cxloop-413-');
  const server = await startServerProcess(tmp.db);
  try {
    const { hostname, port } = new URL(server.url);
    const tooLarge = Buffer.alloc(LIMITS.bodyBytes + 1024 * 1024, 'a');
    for (let round = 0; round < 5; round++) {
      const socket = connect(Number(port), hostname);
      await new Promise<void>((r) => socket.once('connect', () => r()));
      socket.on('error', () => {}); // a reset is asserted through readReply, not thrown here
      const first = readReply(socket);
      socket.write(
        `POST /v1/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${server.ingestKey}\r\n` +
          `Content-Type: application/json\r\nContent-Length: ${tooLarge.length}\r\nConnection: keep-alive\r\n\r\n`,
      );
      // Slowly, as over a real network: the body arrives after the reply has been sent.
      for (let at = 0; at < tooLarge.length; at += 1024 * 1024) {
        socket.write(tooLarge.subarray(at, at + 1024 * 1024));
        await new Promise((r) => setTimeout(r, 150));
      }
      const reply = await first;
      assert.equal(reply.status, 413, `round ${round}`);
      assert.equal(JSON.parse(reply.body).error.code, 'body_too_large');
      if (reply.headers.connection?.toLowerCase() === 'close') {
        // The server said it closes: a keep-alive client opens a new connection, which must work.
        socket.destroy();
        const health = await fetch(`${server.url}/healthz`);
        assert.equal(health.status, 200);
        continue;
      }
      // Keep-alive honoured: the next request on the same socket is answered.
      const second = readReply(socket);
      socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n');
      const next = await second;
      assert.equal(next.status, 200, `round ${round}: ${next.body}`);
      socket.destroy();
    }
  } finally {
    await server.stop();
    tmp.cleanup();
  }
});

test('a body too large to drain gets a 413 that says Connection: close, and the server keeps serving', async () => {
  const tmp = tempDir('cxloop-413-');
  const server = await startServerProcess(tmp.db);
  try {
    const { hostname, port } = new URL(server.url);
    const socket = connect(Number(port), hostname);
    await new Promise<void>((r) => socket.once('connect', () => r()));
    socket.on('error', () => {});
    const reply = readReply(socket);
    socket.write(
      `POST /v1/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${server.ingestKey}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${1024 * 1024 * 1024}\r\n\r\n`,
    );
    socket.write(Buffer.alloc(1024 * 1024, 'a'));
    const refused = await reply;
    assert.equal(refused.status, 413);
    assert.equal(refused.headers.connection?.toLowerCase(), 'close');
    socket.destroy();
    assert.equal((await fetch(`${server.url}/healthz`)).status, 200);
  } finally {
    await server.stop();
    tmp.cleanup();
  }
});
