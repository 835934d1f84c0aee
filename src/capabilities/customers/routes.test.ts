import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testApp } from '../../../tests/helpers.ts';

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
