import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { loadDemo } from '../src/app/demo/load.ts';
import type { JourneyMap } from '../src/core/journey/schema.ts';
import { testApp } from './helpers.ts';

/**
 * Issue 13, findings 7 and 8: failure rules' property paths are checked when the map is saved
 * (and a map saved before never breaks a report), and user-supplied ids that are also names on
 * Object.prototype (`constructor`, `__proto__`, `toString`) are ids like any other, or refused.
 */
const NOW = Date.parse('2025-06-30T12:00:00Z');
const WINDOW = { from: '2024-07-01', to: '2025-06-30' };
const query = `from=${WINDOW.from}&to=${WINDOW.to}`;

describe('journey map keys', () => {
  let app: Awaited<ReturnType<typeof testApp>>;
  let map: JourneyMap;
  before(async () => {
    app = await testApp(() => NOW);
    await loadDemo(app.services, 'acme', { customers: 300, seed: 5 });
    map = (await app.services.journeys.get('acme')).map;
  });
  after(() => app?.close());
  const secret = () => app.keys.acme!.secret;
  const failure = (where: Record<string, string>) => ({
    ...map,
    failures: [...map.failures, { id: 'bad-rule', event: 'Order Delivered', touchpoint: 'delivery', where }],
  });

  test('a failure whose where key is a JSON path is refused when the map is saved, naming the path', async () => {
    for (const key of ['$bad[', '$.late', '/late', 'a*', 'a\\b', '']) {
      const res = await app.put('/v1/journey', secret(), failure({ [key]: 'x' }));
      assert.equal(res.status, 400, `${JSON.stringify(key)}: ${await res.clone().text()}`);
      const body = (await res.json()) as { error: { issues: { path: string }[] } };
      assert.equal(body.error.issues[0]!.path, `failures.${map.failures.length}.where.${key}`);
    }
    const fine = await app.put('/v1/journey', secret(), failure({ 'order.late': 'true', 'x y': '1' }));
    assert.equal(fine.status, 200, await fine.text());
    await app.put('/v1/journey', secret(), map);
  });

  test('a bad key saved before the check makes reports match nothing there, never 500', async () => {
    // As an older version stored it: past the route's validation.
    await app.services.journeys.set('acme', failure({ '$bad[': 'x' }), NOW);
    const reads = [
      app.get(`/v1/analytics/compare?${query}&by=touchpoint`, secret()),
      app.get(`/v1/analytics/pain-points?${query}`, secret()),
      app.post('/v1/analyze/cross-impact', secret(), WINDOW),
    ];
    for (const [i, res] of (await Promise.all(reads)).entries())
      assert.equal(res.status, 200, `${i}: ${await res.text()}`);
    await app.services.journeys.set('acme', map, NOW);
  });

  test('touchpoint "constructor" is guarded like any other: dropping it without a remap is a 409', async () => {
    const withIt = structuredClone(map);
    withIt.stages[0]!.touchpoints.push({ id: 'constructor', name: 'Constructor', channel: 'web' });
    assert.equal((await app.put('/v1/journey', secret(), withIt)).status, 200);
    const stored = await app.post('/v1/events', app.keys.acme!.ingest, {
      id: 'proto-1',
      customerId: 'c-proto',
      name: 'Anything',
      touchpoint: 'constructor',
      timestamp: '2025-06-01T10:00:00Z',
    });
    assert.equal(stored.status, 200, await stored.text());
    const dropped = await app.put('/v1/journey', secret(), { map, remap: { delivery: 'delivery' } });
    assert.equal(dropped.status, 409, await dropped.clone().text());
    const body = (await dropped.json()) as { error: { issues: { path: string }[] } };
    assert.ok(body.error.issues.some((i) => i.path === 'touchpoints.constructor'));
    const [row] = await app.store.read("SELECT touchpoint FROM events WHERE id = 'proto-1'");
    assert.equal(row!.touchpoint, 'constructor', 'the event keeps its touchpoint');
    // Remapped, it moves.
    const moved = await app.put('/v1/journey', secret(), { map, remap: { constructor: 'delivery' } });
    assert.equal(moved.status, 200, await moved.text());
    const [after] = await app.store.read("SELECT touchpoint FROM events WHERE id = 'proto-1'");
    assert.equal(after!.touchpoint, 'delivery');
  });

  test('__proto__ and toString are refused as touchpoint and stage ids with the path', async () => {
    for (const id of ['__proto__', 'toString']) {
      const tp = structuredClone(map);
      tp.stages[0]!.touchpoints.push({ id, name: 'x', channel: 'web' });
      const stage = structuredClone(map);
      stage.stages[0]!.id = id;
      for (const [body, path] of [
        [tp, `stages.0.touchpoints.${map.stages[0]!.touchpoints.length}.id`],
        [stage, 'stages.0.id'],
      ] as const) {
        const res = await app.put('/v1/journey', secret(), body);
        assert.equal(res.status, 400, `${id}: ${await res.clone().text()}`);
        const json = (await res.json()) as { error: { issues: { path: string }[] } };
        assert.ok(
          json.error.issues.some((i) => i.path === path),
          JSON.stringify(json),
        );
      }
    }
  });
});
