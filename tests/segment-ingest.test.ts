/**
 * The Segment-compatible ingest in-process over a real DuckDB file: transport (gzip, deflate, a zip
 * bomb, the write key in the body), partial acceptance with the rejects log and its replay,
 * anonymous identify merged on identification, page/screen/group, timestamps (1999, future,
 * sentAt correction from the arrival time) and the message limits. The real SDKs against a real
 * server are in tests/e2e/segment-sdks.test.ts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { deflateSync, gzipSync } from 'node:zlib';
import { testApp } from './helpers.ts';

const NOW = Date.parse('2025-06-30T12:00:00Z');
type Reply = {
  ok?: boolean;
  received?: number;
  stored?: number;
  duplicates?: number;
  rejected?: number;
  rejects?: { index: number; issues: { path: string; code: string }[] }[];
  code?: string;
};

describe('Segment-compatible ingest', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  before(async () => (t = await testApp(() => NOW)));
  after(() => t.close());

  const send = async (
    path: string,
    body: unknown,
    headers: Record<string, string> = {},
    raw?: Uint8Array,
  ) => {
    const res = await t.app.request(path, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${t.keys.acme!.ingest}`,
        'content-type': 'application/json',
        ...headers,
      },
      body: raw ? new Blob([new Uint8Array(raw)]) : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Reply };
  };
  const count = async (sql: string, ...params: (string | number)[]) =>
    Number((await t.store.read(sql, params))[0]!.n);

  test('gzip and deflate bodies, under the content type rudder-sdk-node sends, with the key as Basic user', async () => {
    const batch = (id: string) => ({
      batch: [
        {
          type: 'track',
          userId: 'gz',
          event: 'Order Completed',
          messageId: id,
          timestamp: '2025-06-01T10:00:00Z',
        },
      ],
    });
    const basic = 'Basic ' + Buffer.from(`${t.keys.acme!.ingest}:`).toString('base64');
    const form = { 'content-type': 'application/x-www-form-urlencoded', authorization: basic };
    const gz = await send(
      '/v1/batch',
      null,
      { ...form, 'content-encoding': 'gzip' },
      gzipSync(JSON.stringify(batch('gz-1'))),
    );
    assert.deepEqual([gz.status, gz.body.stored], [200, 1]);
    const zl = await send(
      '/v1/batch',
      null,
      { 'content-encoding': 'deflate' },
      deflateSync(JSON.stringify(batch('gz-2'))),
    );
    assert.deepEqual([zl.status, zl.body.stored], [200, 1]);
    assert.equal(await count("SELECT count(*) AS n FROM events WHERE customer_id = 'gz'"), 2);
  });

  test('a zip bomb is refused with 413 before it is inflated past the limit', async () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20));
    assert.ok(bomb.byteLength < 100_000, `the bomb is small on the wire (${bomb.byteLength} bytes)`);
    const res = await send('/v1/batch', null, { 'content-encoding': 'gzip' }, bomb);
    assert.equal(res.status, 413);
    assert.equal(res.body.code, 'body_too_large');
  });

  test('the write key as writeKey in the body (segment-analytics-python), no Authorization header', async () => {
    const res = await t.app.request('/v1/batch', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        writeKey: t.keys.acme!.ingest,
        batch: [{ type: 'track', anonymousId: 'py-1', event: 'Ad Clicked', messageId: 'wk-1' }],
      }),
    });
    assert.equal(res.status, 200);
    const bad = await t.app.request('/v1/batch', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        writeKey: 'cx_ingest_nope',
        batch: [{ type: 'track', anonymousId: 'x', event: 'E' }],
      }),
    });
    const body = (await bad.json()) as Reply & { message: string; error: { code: string } };
    assert.equal(bad.status, 401);
    assert.equal(body.code, 'unauthorized');
    assert.equal(body.error.code, 'unauthorized');
  });

  test('one bad message costs only itself: the rest is stored, the reply and the rejects log say why', async () => {
    const good = (i: number) => ({
      type: 'track',
      userId: 'pa',
      event: 'Product Viewed',
      messageId: `pa-${i}`,
    });
    const batch = [
      good(0),
      { type: 'explode', userId: 'u1' },
      good(1),
      { type: 'track', userId: 'pa', messageId: 'pa-x' },
      good(2),
    ];
    const res = await send('/v1/batch', { batch });
    assert.equal(res.status, 200);
    assert.deepEqual(
      { received: res.body.received, stored: res.body.stored, rejected: res.body.rejected },
      { received: 5, stored: 3, rejected: 2 },
    );
    assert.deepEqual(
      res.body.rejects!.map((r) => [r.index, r.issues[0]!.path]),
      [
        [1, 'type'],
        [3, 'event'],
      ],
    );
    // Re-sent: nothing stored twice, nothing logged twice.
    const again = await send('/v1/batch', { batch });
    assert.deepEqual([again.body.stored, again.body.duplicates, again.body.rejected], [0, 3, 2]);
    const list = (await (await t.get('/v1/rejects', t.keys.acme!.secret)).json()) as {
      total: number;
      rejects: { id: string; call: string; message: { type: string }; issues: { path: string }[] }[];
    };
    assert.equal(list.total, 2);
    assert.deepEqual(list.rejects.map((r) => r.issues[0]!.path).sort(), ['event', 'type']);
    const one = (await (await t.get(`/v1/rejects/${list.rejects[0]!.id}`, t.keys.acme!.secret)).json()) as {
      call: string;
    };
    assert.equal(one.call, 'batch');
    assert.equal(
      (await t.get('/v1/rejects', t.keys.acme!.ingest)).status,
      403,
      'an ingest key cannot read them',
    );
    const other = (await (await t.get('/v1/rejects', t.keys.globex!.secret)).json()) as { total: number };
    assert.equal(other.total, 0, 'another workspace sees none');
    const metrics = await (await t.get('/metrics', null)).text();
    assert.match(metrics, /cxloop_ingest_rejected_messages_total\{code="invalid_value"\} 4/);
  });

  test('replay stores the rejects that are valid now, once, and reports the others', async () => {
    // As if an older cxloop with a stricter limit had refused it (the 8 KB strings before issue #12).
    await t.services.ingest.rejectsLog.log(
      'acme',
      'batch',
      [
        {
          index: 0,
          message: {
            type: 'track',
            userId: 'rp',
            event: 'Long Note',
            messageId: 'rp-1',
            properties: { note: 'n'.repeat(9000) },
          },
          issues: [
            {
              index: 0,
              path: 'properties.note',
              code: 'string_too_long',
              message: 'longer than 8192 characters',
            },
          ],
        },
      ],
      NOW,
    );
    const replay = async () =>
      (await (await t.post('/v1/rejects/replay', t.keys.acme!.secret, {})).json()) as {
        replayed: number;
        stillRejected: { id: string; issues: { path: string }[] }[];
      };
    const first = await replay();
    assert.equal(first.replayed, 1);
    assert.deepEqual(
      first.stillRejected.map((r) => r.issues[0]!.path).sort(),
      ['event', 'type'],
      'the earlier ones are still invalid',
    );
    assert.equal(await count("SELECT count(*) AS n FROM events WHERE id = 'rp-1'"), 1);
    assert.equal((await replay()).replayed, 0, 'a replayed reject is not replayed again');
    const list = (await (await t.get('/v1/rejects', t.keys.acme!.secret)).json()) as {
      total: number;
      waiting: number;
    };
    assert.deepEqual([list.total, list.waiting], [3, 2]);
  });

  test('identify with only an anonymousId keeps traits on the visitor and merges them on identification', async () => {
    const anon = await send('/v1/identify', {
      anonymousId: 'vis-1',
      traits: { plan: 'trial', source: 'ad' },
      messageId: 'ai-1',
    });
    assert.deepEqual([anon.status, anon.body.stored], [200, 1]);
    assert.equal(
      (await send('/v1/identify', { anonymousId: 'vis-1', traits: { plan: 'trial' }, messageId: 'ai-1' }))
        .body.duplicates,
      1,
    );
    assert.equal(
      await count("SELECT count(*) AS n FROM customers WHERE id = 'vis-1'"),
      0,
      'a visitor is not a customer',
    );
    await send('/v1/batch', {
      batch: [
        {
          type: 'track',
          anonymousId: 'vis-1',
          event: 'Product Viewed',
          messageId: 'ai-e1',
          timestamp: '2025-06-01T09:00:00Z',
        },
        {
          type: 'identify',
          userId: 'ann-1',
          anonymousId: 'vis-1',
          traits: { plan: 'pro', email: 'ann@example.com' },
        },
      ],
    });
    // After the link, an anonymous identify goes straight to the customer.
    await send('/v1/identify', { anonymousId: 'vis-1', traits: { color: 'blue' } });
    const timeline = (await (await t.get('/v1/customers/ann-1/timeline', t.keys.acme!.secret)).json()) as {
      customer: { traits: Record<string, unknown>; anonymousIds: string[] };
      items: { id: string }[];
    };
    assert.deepEqual(timeline.customer.traits, {
      plan: 'pro',
      source: 'ad',
      email: 'ann@example.com',
      color: 'blue',
    });
    assert.deepEqual(timeline.customer.anonymousIds, ['vis-1']);
    assert.deepEqual(
      timeline.items.map((i) => i.id),
      ['ai-e1'],
    );
  });

  test('page, screen and group are stored with their name, category and traits; alias links ids', async () => {
    const res = await send('/v1/batch', {
      batch: [
        {
          type: 'page',
          userId: 'pg',
          name: 'Pricing',
          category: 'Docs',
          properties: { path: '/pricing' },
          messageId: 'pg-1',
        },
        { type: 'screen', userId: 'pg', name: 'Cart', messageId: 'pg-2' },
        {
          type: 'group',
          userId: 'pg',
          groupId: 'org-7',
          traits: { name: 'Acme', employees: 40 },
          messageId: 'pg-3',
        },
        { type: 'alias', userId: 'pg', previousId: 'old-pg' },
      ],
    });
    assert.equal(res.body.stored, 4);
    const rows = await t.store.read(
      "SELECT id, name, properties FROM events WHERE customer_id = 'pg' ORDER BY id",
    );
    assert.deepEqual(
      rows.map((r) => [r.id, r.name, JSON.parse(String(r.properties))]),
      [
        ['pg-1', 'Page Viewed', { path: '/pricing', name: 'Pricing', category: 'Docs' }],
        ['pg-2', 'Screen Viewed', { name: 'Cart' }],
        ['pg-3', 'Group Identified', { groupId: 'org-7', traits: { name: 'Acme', employees: 40 } }],
      ],
    );
    assert.equal(
      await count("SELECT count(*) AS n FROM aliases WHERE anonymous_id = 'old-pg' AND customer_id = 'pg'"),
      1,
    );
  });

  test('timestamps: 1999 kept, sentAt corrected against the arrival, future clamped to the arrival', async () => {
    // An event from 1999 sent now by a client whose clock is right keeps its time exactly.
    await send('/v1/batch', {
      sentAt: new Date(NOW).toISOString(),
      batch: [
        { type: 'track', userId: 'ts', event: 'Old', messageId: 'ts-1', timestamp: '1999-12-31T23:00:00Z' },
      ],
    });
    const sentAt = new Date(NOW + 3_600_000).toISOString(); // this client's clock is an hour fast
    await send('/v1/batch', {
      sentAt,
      batch: [
        {
          type: 'track',
          userId: 'ts',
          event: 'Skewed',
          messageId: 'ts-2',
          timestamp: new Date(NOW + 3_600_000 - 60_000).toISOString(),
        },
        {
          type: 'track',
          userId: 'ts',
          event: 'Future',
          messageId: 'ts-3',
          timestamp: '2030-01-01T00:00:00Z',
          sentAt: '2030-01-01T00:00:00Z',
        },
      ],
    });
    const rows = await t.store.read(
      "SELECT id, epoch_ms(ts) AS ms FROM events WHERE customer_id = 'ts' ORDER BY id",
    );
    assert.deepEqual(
      rows.map((r) => Number(r.ms)),
      [Date.parse('1999-12-31T23:00:00Z'), NOW - 60_000, NOW],
    );
  });

  test('a 30,000-character property fits a 32 KB message; a 40 KB message is refused alone', async () => {
    const res = await send('/v1/batch', {
      batch: [
        {
          type: 'track',
          userId: 'big',
          event: 'Big',
          messageId: 'big-1',
          properties: { note: 'ü'.repeat(10_000) + 'x'.repeat(10_000) },
        },
        {
          type: 'track',
          userId: 'big',
          event: 'Bigger',
          messageId: 'big-2',
          properties: { note: 'x'.repeat(40_000) },
        },
      ],
    });
    assert.deepEqual([res.body.stored, res.body.rejected], [1, 1]);
    assert.equal(res.body.rejects![0]!.issues[0]!.code, 'message_too_large');
  });
});
