import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { event, feedback, testApp } from '../../../tests/helpers.ts';

describe('HTTP API in-process, on a real DuckDB file', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  before(async () => (t = await testApp()));
  after(() => t.close());

  test('a batch of events is stored and acknowledged with counts', async () => {
    const res = await t.post('/v1/events', t.keys.acme!.ingest, { batch: [event('a1'), event('a2')] });
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { ok: true, received: 2, stored: 2, duplicates: 0 });
  });

  test('a retried batch stores nothing twice and says how many were duplicates', async () => {
    const body = { batch: [event('r1'), event('r2'), event('r3')] };
    await t.post('/v1/events', t.keys.acme!.ingest, body);
    const again = await t.post('/v1/events', t.keys.acme!.ingest, {
      batch: [...body.batch, event('r4'), event('r4')],
    });
    assert.deepEqual(await again.json(), { ok: true, received: 5, stored: 1, duplicates: 4 });
    const rows = await t.store.read(
      "SELECT count(*) AS n FROM events WHERE workspace_id = 'acme' AND id LIKE 'r%'",
    );
    assert.equal(rows[0]!.n, 4);
  });

  test('concurrent retries of the same batch store it once', async () => {
    const body = { batch: Array.from({ length: 50 }, (_, i) => event(`cc${i}`)) };
    const replies = await Promise.all(
      Array.from({ length: 6 }, () => t.post('/v1/events', t.keys.acme!.ingest, body)),
    );
    const parsed = (await Promise.all(replies.map((r) => r.json()))) as {
      stored: number;
      duplicates: number;
    }[];
    assert.equal(
      parsed.reduce((n, r) => n + r.stored, 0),
      50,
    );
    assert.equal(
      parsed.reduce((n, r) => n + r.duplicates, 0),
      250,
    );
  });

  test('a batch with one invalid item stores nothing and lists each problem with index and path', async () => {
    const res = await t.post('/v1/events', t.keys.acme!.ingest, {
      batch: [
        event('bad1'),
        event('bad2', { timestamp: 'yesterday' }),
        event('bad3', { name: '' }),
        event('bad4'),
      ],
    });
    assert.equal(res.status, 400);
    const body = (await res.json()) as { error: { code: string; issues: { index: number; path: string }[] } };
    assert.equal(body.error.code, 'invalid_request');
    assert.deepEqual(
      body.error.issues.map((i) => [i.index, i.path]),
      [
        [1, 'timestamp'],
        [2, 'name'],
      ],
    );
    const rows = await t.store.read("SELECT count(*) AS n FROM events WHERE id LIKE 'bad%'");
    assert.equal(rows[0]!.n, 0);
  });

  test('feedback is validated against its metric scale and the journey map', async () => {
    const ok = await t.post('/v1/feedback', t.keys.acme!.ingest, feedback('f1'));
    assert.equal(ok.status, 200);
    const cases: [Record<string, unknown>, string][] = [
      [{ metric: 'nps', score: 11 }, 'score'],
      [{ metric: 'csat', score: 0 }, 'score'],
      [{ metric: 'ces', score: 4.5 }, 'score'],
      [{ metric: 'rating', score: 3 }, 'scale'],
      [{ metric: 'stars', score: 3 }, 'metric'],
      [{ touchpoint: 'moon-base' }, 'touchpoint'],
      [{ metric: 'nps', score: 5, scale: { min: 1, max: 5 } }, 'scale'],
    ];
    for (const [extra, path] of cases) {
      const res = await t.post('/v1/feedback', t.keys.acme!.ingest, feedback('fx', extra));
      assert.equal(res.status, 400, JSON.stringify(extra));
      const body = (await res.json()) as { error: { issues: { path: string }[] } };
      assert.equal(body.error.issues[0]!.path, path, JSON.stringify(extra));
    }
    const rating = await t.post(
      '/v1/feedback',
      t.keys.acme!.ingest,
      feedback('f2', { metric: 'rating', score: 8, scale: { min: 1, max: 10 } }),
    );
    assert.equal(rating.status, 200);
  });

  test('events map to touchpoints by the journey rules', async () => {
    await t.post('/v1/events', t.keys.acme!.ingest, [
      event('m1', { name: 'Order Completed' }),
      event('m2', { name: 'Support Ticket Opened', properties: { channel: 'phone' } }),
      event('m3', { name: 'Something Else' }),
      event('m4', { name: 'Order Completed', touchpoint: 'payment' }),
    ]);
    const rows = await t.store.read("SELECT id, touchpoint FROM events WHERE id LIKE 'm%' ORDER BY id");
    assert.deepEqual(
      rows.map((r) => r.touchpoint),
      ['checkout', 'support-phone', null, 'payment'],
    );
  });

  test('keys: missing or unknown is 401, the wrong kind is 403, basic auth user name works', async () => {
    assert.equal((await t.post('/v1/events', null, event('k1'))).status, 401);
    assert.equal((await t.post('/v1/events', 'cx_ingest_nope', event('k1'))).status, 401);
    assert.equal((await t.get('/v1/journey', t.keys.acme!.ingest)).status, 403);
    assert.equal((await t.get('/v1/journey', t.keys.acme!.secret)).status, 200);
    const basic = await t.app.request('/v1/track', {
      method: 'POST',
      headers: { authorization: 'Basic ' + Buffer.from(`${t.keys.acme!.ingest}:`).toString('base64') },
      body: JSON.stringify({
        userId: 'seg1',
        event: 'Product Viewed',
        messageId: 'seg-m1',
        timestamp: '2025-06-01T10:00:00Z',
      }),
    });
    assert.equal(basic.status, 200);
  });

  test('a revoked key stops working at once', async () => {
    const { createKey } = await import('../../capabilities/workspaces/keys.ts');
    const { key, record } = await createKey(t.store, 'acme', 'ingest', Date.now());
    assert.equal((await t.post('/v1/events', key, event('rv1'))).status, 200);
    await t.store.revokeKey('acme', record.id, Date.now());
    t.services.keys.forget();
    assert.equal((await t.post('/v1/events', key, event('rv2'))).status, 401);
  });

  test('one workspace never sees another: same ids stored in both, timelines separate', async () => {
    await t.post('/v1/events', t.keys.acme!.ingest, event('shared-id', { customerId: 'iso' }));
    const other = await t.post(
      '/v1/events',
      t.keys.globex!.ingest,
      event('shared-id', { customerId: 'iso', name: 'Ad Clicked' }),
    );
    assert.deepEqual(await other.json(), { ok: true, received: 1, stored: 1, duplicates: 0 });
    const acme = (await (await t.get('/v1/customers/iso/timeline', t.keys.acme!.secret)).json()) as {
      items: { name: string }[];
    };
    const globex = (await (await t.get('/v1/customers/iso/timeline', t.keys.globex!.secret)).json()) as {
      items: { name: string }[];
    };
    assert.deepEqual(
      acme.items.map((i) => i.name),
      ['Product Viewed'],
    );
    assert.deepEqual(
      globex.items.map((i) => i.name),
      ['Ad Clicked'],
    );
    assert.equal((await t.get('/v1/customers/c1/timeline', t.keys.globex!.secret)).status, 404);
  });

  test('identify merges anonymous history and traits into the customer timeline, paginated', async () => {
    await t.post('/v1/events', t.keys.acme!.ingest, [
      { id: 'anon1', anonymousId: 'visitor-9', name: 'Ad Clicked', timestamp: '2025-05-01T09:00:00Z' },
      { id: 'anon2', anonymousId: 'visitor-9', name: 'Product Viewed', timestamp: '2025-05-01T09:05:00Z' },
    ]);
    await t.post('/v1/identify', t.keys.acme!.ingest, {
      customerId: 'ann',
      anonymousId: 'visitor-9',
      traits: { plan: 'basic', region: 'EU' },
    });
    await t.post('/v1/identify', t.keys.acme!.ingest, { userId: 'ann', traits: { plan: 'vip' } });
    await t.post('/v1/events', t.keys.acme!.ingest, {
      id: 'known1',
      customerId: 'ann',
      name: 'Order Completed',
      timestamp: '2025-05-02T10:00:00Z',
    });
    await t.post(
      '/v1/feedback',
      t.keys.acme!.ingest,
      feedback('annf', { customerId: 'ann', timestamp: '2025-05-03T10:00:00Z' }),
    );
    const first = (await (await t.get('/v1/customers/ann/timeline?limit=3', t.keys.acme!.secret)).json()) as {
      customer: { traits: Record<string, string>; anonymousIds: string[]; firstSeen: number };
      items: { id: string }[];
      next: string;
    };
    assert.deepEqual(first.customer.traits, { plan: 'vip', region: 'EU' });
    assert.deepEqual(first.customer.anonymousIds, ['visitor-9']);
    assert.equal(first.customer.firstSeen, Date.parse('2025-05-01T09:00:00Z'));
    assert.deepEqual(
      first.items.map((i) => i.id),
      ['anon1', 'anon2', 'known1'],
    );
    const second = (await (
      await t.get(`/v1/customers/ann/timeline?limit=3&cursor=${first.next}`, t.keys.acme!.secret)
    ).json()) as {
      items: { id: string }[];
      next: null;
    };
    assert.deepEqual(
      second.items.map((i) => i.id),
      ['annf'],
    );
    assert.equal(second.next, null);
    assert.equal((await t.get('/v1/customers/ann/timeline?cursor=garbage', t.keys.acme!.secret)).status, 400);
  });

  test('journey map: read, replace, and refuse to orphan stored data unless remapped', async () => {
    const map = (await (await t.get('/v1/journey', t.keys.acme!.secret)).json()) as {
      stages: { id: string; touchpoints: { id: string }[] }[];
      failures: { touchpoint: string }[];
    };
    assert.deepEqual(
      map.stages.map((s) => s.id),
      ['awareness', 'consideration', 'purchase', 'delivery', 'ownership', 'loyalty'],
    );
    const withoutDelivery = structuredClone(map);
    withoutDelivery.stages[3]!.touchpoints = withoutDelivery.stages[3]!.touchpoints.filter(
      (tp) => tp.id !== 'delivery',
    );
    withoutDelivery.failures = withoutDelivery.failures.filter((f) => f.touchpoint !== 'delivery');
    const refused = await t.put('/v1/journey', t.keys.acme!.secret, withoutDelivery);
    assert.equal(refused.status, 409);
    const body = (await refused.json()) as { error: { code: string; issues: { path: string }[] } };
    assert.equal(body.error.code, 'would_orphan');
    assert.equal(body.error.issues[0]!.path, 'touchpoints.delivery');
    const remapped = await t.put('/v1/journey', t.keys.acme!.secret, {
      map: withoutDelivery,
      remap: { delivery: 'unboxing' },
    });
    assert.equal(remapped.status, 200);
    const rows = await t.store.read(
      "SELECT count(*) AS n FROM feedback WHERE workspace_id = 'acme' AND touchpoint = 'delivery'",
    );
    assert.equal(rows[0]!.n, 0);
    const invalid = await t.put('/v1/journey', t.keys.acme!.secret, { stages: [] });
    assert.equal(invalid.status, 400);
  });

  test('healthz, metrics and the OpenAPI document', async () => {
    assert.equal((await t.get('/healthz', null)).status, 200);
    const metrics = await (await t.get('/metrics', null)).text();
    assert.match(metrics, /cxloop_ingested_items_total\{outcome="stored"\} \d+/);
    assert.match(metrics, /cxloop_http_requests_total\{method="POST",route="\/v1\/events",status="200"\}/);
    const doc = (await (await t.get('/openapi.json', null)).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    assert.equal(doc.openapi, '3.1.0');
    for (const path of [
      '/v1/events',
      '/v1/feedback',
      '/v1/identify',
      '/v1/track',
      '/v1/batch',
      '/v1/journey',
      '/v1/customers/{id}/timeline',
    ]) {
      assert.ok(doc.paths[path], path);
    }
  });
});
