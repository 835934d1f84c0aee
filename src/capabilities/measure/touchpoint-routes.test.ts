import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { feedback, testApp } from '../../../tests/helpers.ts';

interface Reply {
  distribution: { metric: string; n: number; counts: { score: number; n: number }[] }[];
  affected: { customers: number; list: { id: string; lowResponses: number }[] };
  responses: { customerId: string; score: number; comment: string | null }[];
  next: number | null;
}

describe('GET /v1/touchpoints/:id/feedback', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  const path = (query: string) => `/v1/touchpoints/delivery/feedback?from=2025-06-01&to=2025-06-20&${query}`;
  before(async () => {
    t = await testApp();
    const ingest = t.keys.acme!.ingest;
    const res = await t.post('/v1/feedback', ingest, {
      batch: [
        feedback('f1', { customerId: 'c1', score: 1, comment: '<script>alert(1)</script> late again' }),
        feedback('f2', { customerId: 'c1', score: 2, timestamp: '2025-06-03T10:00:00Z' }),
        feedback('f3', { customerId: 'c2', score: 5, comment: 'fine', timestamp: '2025-06-04T10:00:00Z' }),
        feedback('f4', { customerId: 'c3', metric: 'nps', score: 6, timestamp: '2025-06-05T10:00:00Z' }),
        feedback('f5', { customerId: 'c4', metric: 'nps', score: 9, timestamp: '2025-06-06T10:00:00Z' }),
        // Outside the window, and another touchpoint: neither counts.
        feedback('f6', { customerId: 'c5', score: 1, timestamp: '2025-06-25T10:00:00Z' }),
        feedback('f7', { customerId: 'c6', score: 1, touchpoint: 'checkout' }),
      ],
    });
    assert.equal(res.status, 200);
  });
  after(() => t.close());

  test('distributions per metric, customers with a bad experience, and comments as stored', async () => {
    const res = await t.get(path(''), t.keys.acme!.secret);
    assert.equal(res.status, 200);
    const body = (await res.json()) as Reply;
    const csat = body.distribution.find((d) => d.metric === 'csat')!;
    assert.equal(csat.n, 3);
    assert.deepEqual(csat.counts, [
      { score: 1, n: 1 },
      { score: 2, n: 1 },
      { score: 5, n: 1 },
    ]);
    assert.equal(body.distribution.find((d) => d.metric === 'nps')!.n, 2);
    // c1 (CSAT 1 and 2) and c3 (NPS 6); not c2 (CSAT 5) nor c4 (NPS 9).
    assert.equal(body.affected.customers, 2);
    assert.deepEqual(body.affected.list.map((c) => [c.id, c.lowResponses]).sort(), [
      ['c1', 2],
      ['c3', 1],
    ]);
    assert.deepEqual(
      body.responses.map((r) => r.comment),
      ['fine', '<script>alert(1)</script> late again'],
    );
  });

  test('all responses, newest first, a page at a time', async () => {
    const first = (await (await t.get(path('comments=all&limit=3'), t.keys.acme!.secret)).json()) as Reply;
    assert.deepEqual(
      first.responses.map((r) => r.score),
      [9, 6, 5],
    );
    assert.equal(first.next, 3);
    const second = (await (
      await t.get(path('comments=all&limit=3&offset=3'), t.keys.acme!.secret)
    ).json()) as Reply;
    assert.deepEqual(
      second.responses.map((r) => r.score),
      [2, 1],
    );
    assert.equal(second.next, null);
  });

  test('an unknown touchpoint, a bad window, another workspace and the ingest key are refused', async () => {
    const unknown = await t.get(
      '/v1/touchpoints/nope/feedback?from=2025-06-01&to=2025-06-20',
      t.keys.acme!.secret,
    );
    assert.equal(unknown.status, 404);
    const bad = await t.get(
      '/v1/touchpoints/delivery/feedback?from=2025-06-31&to=2025-06-20',
      t.keys.acme!.secret,
    );
    assert.equal(bad.status, 400);
    assert.equal(
      ((await bad.json()) as { error: { issues: { path: string }[] } }).error.issues[0]!.path,
      'from',
    );
    assert.equal((await t.get(path(''), t.keys.acme!.ingest)).status, 403);
    const other = (await (await t.get(path(''), t.keys.globex!.secret)).json()) as Reply;
    assert.equal(other.responses.length, 0);
    assert.equal(other.affected.customers, 0);
  });
});
