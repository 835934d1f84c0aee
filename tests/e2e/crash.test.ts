import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DuckDbStore } from '../../src/platform/store/duckdb/store.ts';
import { tempDir } from '../helpers.ts';
import { startServerProcess } from '../server-process.ts';
import { MIGRATIONS } from '../../src/capabilities/migrations.ts';

const BATCH = 200;
const batchBody = (b: number) =>
  JSON.stringify({
    batch: Array.from({ length: BATCH }, (_, i) => ({
      id: `crash-${b}-${i}`,
      customerId: `c${(b * BATCH + i) % 500}`,
      name: 'Product Viewed',
      timestamp: '2025-06-01T10:00:00Z',
      properties: { n: b * BATCH + i },
    })),
  });

test('SIGKILL during acknowledged ingest loses no acknowledged event, and a client retry stores no duplicate', async () => {
  const tmp = tempDir('cxloop-crash-');
  try {
    const first = await startServerProcess(tmp.db);
    const key = first.ingestKey!;
    const post = (url: string, b: number) =>
      fetch(`${url}/v1/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}` },
        body: batchBody(b),
      });

    const acked = new Set<number>();
    const attempted = new Set<number>();
    let next = 0;
    let killed = false;
    const worker = async () => {
      while (!killed) {
        const b = next++;
        attempted.add(b);
        try {
          const res = await post(first.url, b);
          if (res.status === 200) acked.add(b);
          await res.arrayBuffer();
        } catch {
          return; // the server is gone; this batch may or may not have been stored
        }
      }
    };
    const workers = Array.from({ length: 4 }, worker);
    while (acked.size < 40) await new Promise((r) => setTimeout(r, 5));
    killed = true;
    first.child.kill('SIGKILL');
    await Promise.all(workers);
    await first.stop('SIGKILL');
    assert.ok(acked.size >= 40);

    // Restart on the same file; the database replays its write-ahead log.
    const second = await startServerProcess(tmp.db);
    let stored = 0;
    let duplicates = 0;
    for (const b of [...attempted].sort((x, y) => x - y)) {
      const reply = (await (await post(second.url, b)).json()) as { stored: number; duplicates: number };
      stored += reply.stored;
      duplicates += reply.duplicates;
    }
    await second.stop();
    assert.ok(
      duplicates >= acked.size * BATCH,
      `every acknowledged event was already there (${duplicates} duplicates)`,
    );

    const store = await DuckDbStore.open(tmp.db, MIGRATIONS);
    try {
      const [row] = await store.read(
        "SELECT count(*) AS n, count(DISTINCT id) AS d FROM events WHERE id LIKE 'crash-%'",
      );
      assert.equal(row!.n, attempted.size * BATCH, 'every attempted batch is stored after the retry');
      assert.equal(row!.d, row!.n, 'and no event is stored twice');
      assert.equal(stored + duplicates, attempted.size * BATCH);
      const ackedIds = [...acked].map((b) => `crash-${b}-0`);
      const [found] = await store.read(
        'SELECT count(*) AS n FROM events WHERE id IN (SELECT unnest($1::VARCHAR[]))',
        [`[${ackedIds.map((id) => `"${id}"`).join(',')}]`],
      );
      assert.equal(found!.n, acked.size);
    } finally {
      await store.close();
    }
  } finally {
    tmp.cleanup();
  }
});

test('over a real socket: Segment batch with the write key as Basic user name, then read back', async () => {
  const tmp = tempDir('cxloop-socket-');
  const server = await startServerProcess(tmp.db);
  try {
    const sentAt = new Date(Date.now() + 10 * 60_000); // the client clock runs 10 minutes fast
    const res = await fetch(`${server.url}/v1/batch`, {
      method: 'POST',
      headers: {
        authorization: 'Basic ' + Buffer.from(`${server.ingestKey}:`).toString('base64'),
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        sentAt: sentAt.toISOString(),
        batch: [
          { type: 'identify', userId: 'u-42', anonymousId: 'anon-42', traits: { email: 'u42@example.com' } },
          {
            type: 'track',
            anonymousId: 'anon-42',
            event: 'Order Completed',
            messageId: 'msg-1',
            timestamp: new Date(sentAt.getTime() - 60_000).toISOString(),
          },
          {
            type: 'page',
            userId: 'u-42',
            name: 'Pricing',
            messageId: 'msg-2',
            timestamp: sentAt.toISOString(),
          },
        ],
      }),
    });
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { ok: true, received: 3, stored: 3, duplicates: 0 });
    const timeline = (await (
      await fetch(`${server.url}/v1/customers/u-42/timeline`, {
        headers: { authorization: `Bearer ${server.secretKey}` },
      })
    ).json()) as {
      customer: { traits: { email: string } };
      items: { id: string; touchpoint: string; timestamp: number }[];
    };
    assert.equal(timeline.customer.traits.email, 'u42@example.com');
    const order = timeline.items.find((i) => i.id === 'msg-1')!;
    assert.equal(order.touchpoint, 'checkout');
    // Skew-corrected: one minute before the server received it, not ten minutes in the future.
    assert.ok(Math.abs(order.timestamp - (Date.now() - 60_000)) < 30_000, 'timestamp corrected by sentAt');
    assert.equal((await fetch(`${server.url}/healthz`)).status, 200);
  } finally {
    await server.stop();
    tmp.cleanup();
  }
});
