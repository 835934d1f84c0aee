import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { event, testApp } from '../../../tests/helpers.ts';

/** The `route` label of every cxloop_http_requests_total series, with its method and status. */
async function series(t: Awaited<ReturnType<typeof testApp>>) {
  const text = await (await t.get('/metrics', null)).text();
  return [
    ...text.matchAll(/^cxloop_http_requests_total\{method="(\w+)",route="([^"]*)",status="(\d+)"\}/gm),
  ].map((m) => ({ method: m[1]!, route: m[2]!, status: Number(m[3]) }));
}

describe('/metrics labels requests by route pattern', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  before(async () => (t = await testApp()));
  after(() => t.close());

  test('ids in the path fold into the pattern, as /openapi.json writes it, whoever answered', async () => {
    await t.post('/v1/events', t.keys.acme!.ingest, { batch: [event('m1')] });
    for (const id of ['c-1', 'c-2', 'c-3']) await t.get(`/v1/customers/${id}/timeline`, t.keys.acme!.secret);
    // refused by the key check before the route's handler ran: still the route's pattern
    await t.get('/v1/customers/c-4/timeline', null);
    await t.get('/healthz', null);

    const rows = await series(t);
    const timeline = rows.filter((r) => r.route === '/v1/customers/{id}/timeline');
    assert.ok(
      timeline.some((r) => r.status === 401),
      JSON.stringify(rows),
    );
    assert.ok(
      timeline.some((r) => r.status !== 401),
      JSON.stringify(rows),
    );
    assert.ok(rows.some((r) => r.route === '/v1/events' && r.method === 'POST' && r.status === 200));
    assert.ok(rows.some((r) => r.route === '/healthz' && r.status === 200));
  });

  test('unknown paths and dashboard pages get one label each, never /* nor the raw path', async () => {
    for (const path of ['/v1/nope/1', '/v1/nope/2', '/assets/missing-123.js']) await t.get(path, null);
    for (const page of ['/journeys/a', '/customers/b']) await t.get(page, null);

    const rows = await series(t);
    const routes = new Set(rows.map((r) => r.route));
    assert.ok(routes.has('(unmatched)'), [...routes].join(' '));
    assert.ok(routes.has('(dashboard)'), [...routes].join(' '));
    // Every other label is a route the app declares: nothing unbounded can creep in.
    const doc = (await (await t.get('/openapi.json', null)).json()) as { paths: Record<string, unknown> };
    const declared = new Set([...Object.keys(doc.paths), '/healthz', '/metrics', '/openapi.json']);
    const stray = [...routes].filter((r) => !declared.has(r) && r !== '(unmatched)' && r !== '(dashboard)');
    assert.deepEqual(stray, []);
    assert.ok(!routes.has('/*') && !routes.has('*'));
  });
});
