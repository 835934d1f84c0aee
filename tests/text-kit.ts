import assert from 'node:assert/strict';
import { createApp } from '../src/app/http/app.ts';
import { createServices } from '../src/capabilities/graph.ts';
import { createKey } from '../src/capabilities/workspaces/keys.ts';
import type { Store } from '../src/platform/store/port.ts';
import type { FeedbackSearch, TextAnalysis } from '../src/capabilities/text/contract.ts';
import { feedback } from './helpers.ts';

/**
 * The text capability's scenario, run on DuckDB (text-api.test.ts) and PostgreSQL
 * (text-postgres.test.ts): comments stored over the API get sentiment through the domain event,
 * search and filters find them, themes are discovered, workspaces stay apart.
 */

const NOW = Date.parse('2025-06-30T12:00:00Z');

export async function textApp(store: Store) {
  const services = createServices(store, () => NOW);
  const keys: Record<string, { ingest: string; secret: string }> = {};
  for (const ws of ['acme', 'globex']) {
    await store.createWorkspace(ws, ws, NOW);
    keys[ws] = {
      ingest: (await createKey(store, ws, 'ingest', NOW)).key,
      secret: (await createKey(store, ws, 'secret', NOW)).key,
    };
  }
  const app = createApp(services);
  const call = (method: string, path: string, key: string, body?: unknown) =>
    app.request(path, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  return { app, services, keys, call };
}

/** Planted: 24 delivery complaints ("late", "courier"), 12 praises of support staff, 6 neutral questions, 1 in French. */
export function plantedComments() {
  const items: ReturnType<typeof feedback>[] = [];
  const day = (i: number) => `2025-06-${String(1 + (i % 20)).padStart(2, '0')}T10:00:00Z`;
  for (let i = 0; i < 24; i++)
    items.push(
      feedback(`late-${i}`, {
        customerId: `c${i}`,
        touchpoint: 'delivery',
        score: 1 + (i % 2),
        timestamp: day(i),
        comment:
          i % 2
            ? `Delivery was late again, the courier never called (${i})`
            : `Still waiting for my delivery, it is ${i} days late`,
      }),
    );
  for (let i = 0; i < 12; i++)
    items.push(
      feedback(`staff-${i}`, {
        customerId: `s${i}`,
        touchpoint: 'support-chat',
        score: 5,
        timestamp: day(i),
        comment: `Thanks for the quick help, the support staff were friendly (${i})`,
      }),
    );
  for (let i = 0; i < 6; i++)
    items.push(
      feedback(`ask-${i}`, {
        customerId: `q${i}`,
        touchpoint: 'support-chat',
        score: 3,
        timestamp: day(i),
        comment: `Can I change the address on order ${i}?`,
      }),
    );
  items.push(
    feedback('fr-1', {
      customerId: 'f1',
      touchpoint: 'delivery',
      score: 1,
      timestamp: day(3),
      comment: 'Le colis est arrivé en retard et la boîte était abîmée',
    }),
  );
  // without a comment: never listed, never counted as a comment
  items.push(feedback('silent', { customerId: 'z1', score: 2, timestamp: day(4) }));
  return items;
}

export async function runTextScenario(store: Store) {
  const t = await textApp(store);
  const acme = t.keys.acme!;
  const posted = await t.call('POST', '/v1/feedback', acme.ingest, { batch: plantedComments() });
  assert.equal(posted.status, 200);
  // A retried batch stores nothing twice (and its domain event is handled idempotently).
  assert.equal((await t.call('POST', '/v1/feedback', acme.ingest, { batch: plantedComments() })).status, 200);
  await t.services.events.drain();

  const stored = await store.read(`SELECT count(*) AS n FROM text_comments WHERE workspace_id = $1`, [
    'acme',
  ]);
  assert.equal(Number(stored[0]!.n), 43);

  const analysis = (await (
    await t.call('GET', '/v1/analyze/text?from=2025-06-01&to=2025-06-30', acme.secret)
  ).json()) as TextAnalysis;
  assert.equal(analysis.comments, 43);
  assert.equal(analysis.sentiment.negative, 24);
  assert.equal(analysis.sentiment.positive, 12);
  assert.equal(analysis.sentiment.neutral, 6);
  // the French comment is read (stems, themes) but not scored
  assert.equal(analysis.sentiment.negative + analysis.sentiment.neutral + analysis.sentiment.positive, 42);
  const delivery = analysis.themes.find((th) => th.terms.includes('delivery'));
  assert.ok(delivery, JSON.stringify(analysis.themes));
  assert.equal(delivery.comments, 24);
  assert.ok(Math.abs(delivery.share - 24 / 43) < 1e-9);
  assert.ok(delivery.sentiment! < 0);
  assert.deepEqual(delivery.touchpoints, [{ id: 'delivery', comments: 24 }]);
  const support = analysis.themes.find((th) => th.terms.includes('staff') || th.terms.includes('support'));
  assert.ok(support);
  assert.ok(support.sentiment! > 0);

  const byTouchpoint = (await (
    await t.call('GET', '/v1/analyze/text?from=2025-06-01&to=2025-06-30&touchpoint=support-chat', acme.secret)
  ).json()) as TextAnalysis;
  assert.equal(byTouchpoint.comments, 18);
  assert.equal(byTouchpoint.sentiment.negative, 0);

  const search = async (query: string) => {
    const res = await t.call('GET', `/v1/feedback?from=2025-06-01&to=2025-06-30&${query}`, acme.secret);
    assert.equal(res.status, 200, await res.clone().text());
    return (await res.json()) as FeedbackSearch;
  };
  // stemming: "delivered" finds "delivery"; every word must occur
  assert.equal((await search('q=delivered')).total, 24);
  assert.equal((await search('q=courier%20delivered')).total, 12);
  assert.equal((await search('sentiment=positive')).total, 12);
  assert.equal((await search('sentiment=negative&touchpoint=support-chat')).total, 0);
  assert.equal((await search('scoreMax=1')).total, 13);
  assert.equal((await search('scoreMin=3&scoreMax=3')).total, 6);
  assert.equal((await search(`theme=${delivery.id}`)).total, 24);
  assert.equal((await search('limit=5')).items.length, 5);
  assert.equal((await search('')).total, 43);
  const first = (await search('q=courier&limit=1')).items[0]!;
  assert.equal(first.sentiment!.label, 'negative');
  assert.ok(first.themes.includes(delivery.id));

  // unknown parameters are refused, each named
  const bad = await t.call(
    'GET',
    '/v1/feedback?from=2025-06-01&to=2025-06-30&search=late&sentimnet=negative',
    acme.secret,
  );
  assert.equal(bad.status, 400);
  const paths = ((await bad.json()) as { error: { issues: { path: string }[] } }).error.issues.map(
    (i) => i.path,
  );
  assert.deepEqual(paths.sort(), ['search', 'sentimnet']);
  const badSentiment = await t.call(
    'GET',
    '/v1/feedback?from=2025-06-01&to=2025-06-30&sentiment=angry',
    acme.secret,
  );
  assert.equal(badSentiment.status, 400);
  const unknownTheme = await t.call(
    'GET',
    '/v1/feedback?from=2025-06-01&to=2025-06-30&theme=nope',
    acme.secret,
  );
  assert.equal(unknownTheme.status, 400);

  // a defined theme: keywords stemmed, matched like discovered ones
  const defined = await t.call('PUT', '/v1/text/themes/address-change', acme.secret, {
    label: 'Address changes',
    keywords: ['change the address'],
  });
  assert.equal(defined.status, 200);
  assert.equal((await search('theme=address-change')).total, 6);
  const reserved = await t.call('PUT', '/v1/text/themes/auto-x', acme.secret, {
    label: 'x',
    keywords: ['x'],
  });
  assert.equal(reserved.status, 400);

  // the sentiment of given texts, in order, with the workspace's themes
  const scored = await t.call('POST', '/v1/text/sentiment', acme.secret, {
    items: [
      { id: 'a', text: 'on hold for two hours, no one answered' },
      { id: 'b', text: 'I want to change the address' },
    ],
  });
  const results = ((await scored.json()) as { results: { id: string; label: string; themes: string[] }[] })
    .results;
  assert.deepEqual(
    results.map((r) => [r.id, r.label]),
    [
      ['a', 'negative'],
      ['b', 'neutral'],
    ],
  );
  assert.ok(results[1]!.themes.includes('address-change'));
  assert.ok(!results[0]!.themes.includes('address-change'));

  // workspaces never see each other's comments
  const other = (await (
    await t.call('GET', '/v1/analyze/text?from=2025-06-01&to=2025-06-30', t.keys.globex!.secret)
  ).json()) as TextAnalysis;
  assert.equal(other.comments, 0);
  assert.equal(
    (
      (await (
        await t.call('GET', '/v1/feedback?from=2025-06-01&to=2025-06-30', t.keys.globex!.secret)
      ).json()) as FeedbackSearch
    ).total,
    0,
  );
  return t;
}
