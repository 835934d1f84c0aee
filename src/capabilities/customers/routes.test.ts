import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { feedback, testApp } from '../../../tests/helpers.ts';

interface Reply {
  customers: { id: string; email: string | null; name: string | null }[];
}

describe('GET /v1/customers?q=', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  const find = async (q: string, key = t.keys.acme!.secret) =>
    (await (await t.get(`/v1/customers?q=${encodeURIComponent(q)}`, key)).json()) as Reply;
  before(async () => {
    t = await testApp();
    const people = [
      ['cust-100', 'ada.lovelace@example.com', 'Ada Lovelace', '2025-06-01T10:00:00Z'],
      ['cust-101', 'alan.turing@example.com', 'Alan Turing', '2025-06-02T10:00:00Z'],
      ['vip_1', 'grace%hopper@example.com', 'Grace Hopper', '2025-06-03T10:00:00Z'],
    ];
    for (const [customerId, email, name, timestamp] of people) {
      const res = await t.post('/v1/identify', t.keys.acme!.ingest, {
        customerId,
        traits: { email, name },
        timestamp,
      });
      assert.equal(res.status, 200, await res.text());
    }
    await t.post('/v1/identify', t.keys.globex!.ingest, {
      customerId: 'cust-900',
      traits: { name: 'Ada Other' },
    });
  });
  after(() => t.close());

  test('by the start of the id, most recently seen first', async () => {
    assert.deepEqual(
      (await find('CUST-1')).customers.map((c) => c.id),
      ['cust-101', 'cust-100'],
    );
  });

  test('by part of the e-mail address or name, case-insensitive', async () => {
    assert.deepEqual(
      (await find('lovelace')).customers.map((c) => [c.id, c.email, c.name]),
      [['cust-100', 'ada.lovelace@example.com', 'Ada Lovelace']],
    );
    assert.deepEqual(
      (await find('turing')).customers.map((c) => c.id),
      ['cust-101'],
    );
  });

  test('LIKE wildcards in the text match only themselves, and other workspaces stay out', async () => {
    assert.deepEqual(
      (await find('%')).customers.map((c) => c.id),
      ['vip_1'],
    );
    assert.deepEqual(
      (await find('vip_')).customers.map((c) => c.id),
      ['vip_1'],
    );
    // As a wildcard "_" would match every id; as itself it starts none and is in no e-mail or name.
    assert.deepEqual((await find('_')).customers, []);
    assert.deepEqual(
      (await find('ada')).customers.map((c) => c.id),
      ['cust-100'],
    );
    assert.equal((await t.get('/v1/customers?q=ada', t.keys.acme!.ingest)).status, 403);
    assert.equal((await t.get('/v1/customers?q=', t.keys.acme!.secret)).status, 400);
  });
});

describe('GET /v1/customers with filters: who answered, where, how, when', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  interface Listed {
    customers: { id: string; lastSeen: number | null; answers?: number }[];
    filter?: { from: string; to: string; population: string };
  }
  const list = async (query: string) => {
    const res = await t.get(`/v1/customers?${query}`, t.keys.acme!.secret);
    return {
      status: res.status,
      body: (await res.json()) as Listed & { error?: { issues?: { path: string }[] } },
    };
  };
  before(async () => {
    t = await testApp(); // now: 2025-06-30T12:00Z
    await t.post('/v1/identify', t.keys.acme!.ingest, {
      customerId: 'cust-100',
      traits: { name: 'Ada' },
      timestamp: '2025-06-01T10:00:00Z',
    });
    const batch = [
      feedback('f1', { customerId: 'cust-100', score: 1, timestamp: '2025-06-28T10:00:00Z' }),
      feedback('f2', { customerId: 'cust-101', score: 5, timestamp: '2025-06-27T10:00:00Z' }),
      feedback('f3', {
        customerId: 'vip_1',
        touchpoint: 'checkout',
        score: 1,
        timestamp: '2025-06-28T10:00:00Z',
      }),
      feedback('f4', { customerId: 'cust-100', score: 2, timestamp: '2025-05-01T10:00:00Z' }),
    ];
    assert.equal((await t.post('/v1/feedback', t.keys.acme!.ingest, { batch })).status, 200);
    await t.post('/v1/feedback', t.keys.globex!.ingest, {
      batch: [feedback('g1', { customerId: 'cust-900', score: 1, timestamp: '2025-06-28T10:00:00Z' })],
    });
  });
  after(() => t.close());

  test("this week's bad experiences at a touchpoint, with the period named", async () => {
    const { status, body } = await list('touchpoint=delivery&experience=bad');
    assert.equal(status, 200);
    assert.deepEqual(
      body.customers.map((c) => [c.id, c.answers, c.lastSeen]),
      [['cust-100', 1, Date.parse('2025-06-28T10:00:00Z')]],
    );
    assert.equal(body.filter?.from, '2025-06-23T12:00:00.000Z');
    assert.match(body.filter!.population, /customers with a bad answer about delivery from 2025-06-23/);
  });

  test('good ones, any touchpoint, and a longer period', async () => {
    assert.deepEqual(
      (await list('experience=good')).body.customers.map((c) => c.id),
      ['cust-101'],
    );
    assert.deepEqual((await list('experience=bad')).body.customers.map((c) => c.id).sort(), [
      'cust-100',
      'vip_1',
    ]);
    const month = await list('touchpoint=delivery&experience=bad&from=2025-05-01&to=2025-06-30');
    assert.deepEqual(
      month.body.customers.map((c) => [c.id, c.answers]),
      [['cust-100', 2]],
    );
  });

  test('refusals name the field', async () => {
    const unknown = await list('touchpoint=nowhere');
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.error?.issues?.[0]?.path, 'touchpoint');
    const nothing = await list('limit=5');
    assert.equal(nothing.status, 400);
    assert.equal(nothing.body.error?.issues?.[0]?.path, 'q');
    const badDate = await list('experience=bad&from=yesterday');
    assert.equal(badDate.status, 400);
    assert.equal(badDate.body.error?.issues?.[0]?.path, 'from');
    assert.equal((await list('experience=worst')).status, 400);
  });
});
