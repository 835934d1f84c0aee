import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BAD_REQUESTS } from '../../../tests/corpus/bad-requests.ts';
import { testApp } from '../../../tests/helpers.ts';

describe('bad-input corpus', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  before(async () => (t = await testApp()));
  after(() => t.close());

  for (const bad of BAD_REQUESTS) {
    test(`${bad.name}: ${bad.status} ${bad.code}${bad.field !== undefined ? ` at "${bad.field}"` : ''}`, async () => {
      const keys = t.keys.acme!;
      const key = { ingest: keys.ingest, secret: keys.secret, none: null, unknown: 'cx_secret_unknown' }[
        bad.key ?? 'ingest'
      ];
      const res = await t.app.request(bad.path, {
        method: bad.method ?? 'POST',
        headers: {
          'content-type': 'application/json',
          ...(key ? { authorization: `Bearer ${key}` } : {}),
          ...(bad.encoding ? { 'content-encoding': bad.encoding } : {}),
        },
        ...(bad.body === undefined ? {} : { body: bad.body }),
      });
      const body = (await res.json()) as {
        code: string;
        error: { code: string; issues?: { path: string; index?: number }[] };
      };
      assert.equal(res.status, bad.status, JSON.stringify(body));
      assert.equal(body.error.code, bad.code);
      assert.equal(body.code, bad.code, 'the code is also at the top, where Segment-style clients read it');
      if (bad.field !== undefined) {
        const issue = body.error.issues?.[0];
        assert.ok(issue, 'an issue names the field');
        assert.equal(issue.path, bad.field);
        if (bad.index !== undefined) assert.equal(issue.index, bad.index);
      }
    });
  }

  test('nothing from the corpus was stored', async () => {
    const [row] = await t.store.read(
      'SELECT (SELECT count(*) FROM events) + (SELECT count(*) FROM feedback) + (SELECT count(*) FROM customers) AS n',
    );
    assert.equal(row!.n, 0);
  });

  test('SQL-looking strings are data, stored and returned literally', async () => {
    const id = "x'); DROP TABLE events; --";
    const res = await t.post('/v1/events', t.keys.acme!.ingest, {
      id,
      customerId: "Robert'); DROP TABLE customers;--",
      name: 'Product Viewed',
      timestamp: '2025-06-01T10:00:00Z',
      properties: { q: "' OR 1=1 --" },
    });
    assert.equal(res.status, 200);
    const timeline = (await (
      await t.get(
        `/v1/customers/${encodeURIComponent("Robert'); DROP TABLE customers;--")}/timeline`,
        t.keys.acme!.secret,
      )
    ).json()) as {
      items: { id: string; properties: { q: string } }[];
    };
    assert.equal(timeline.items[0]!.id, id);
    assert.equal(timeline.items[0]!.properties.q, "' OR 1=1 --");
  });
});
