/**
 * Contract test with the real SDKs (issue #12): @segment/analytics-node, analytics-node 6 and
 * @rudderstack/rudder-sdk-node 3, with their default settings, send the mixed workload of
 * tests/sdk-workload.ts to a real `cxloop serve`; then the database is opened and every count,
 * merge and timestamp is checked exactly. The Python SDKs cannot be installed here (no PyPI), so
 * their documented wire behaviour is reproduced with raw HTTP: rudder-sdk-python gzips its body
 * and sends the key as the Basic user; segment-analytics-python sends the key only as `writeKey`
 * in the body; both read a top-level `code` from an error reply.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { DuckDbStore } from '../../src/platform/store/duckdb/store.ts';
import { MIGRATIONS } from '../../src/capabilities/migrations.ts';
import { tempDir } from '../helpers.ts';
import { startServerProcess } from '../server-process.ts';
import { OLD_TIME, SDKS, UNICODE, VISITORS, sendWorkload, type Expected } from '../sdk-workload.ts';

/** The server's own count of ingested items by outcome, from /metrics. */
async function outcomes(url: string): Promise<Record<string, number>> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const out: Record<string, number> = { stored: 0, duplicate: 0, rejected: 0 };
  for (const m of text.matchAll(/cxloop_ingested_items_total\{outcome="(\w+)"\} (\d+)/g))
    out[m[1]!] = Number(m[2]);
  return out;
}

const prefixOf = (i: number) => `s${i}`;
/** How far a stored time may be from the client's: the time the request took to arrive, on a loaded machine. */
const SKEW_MS = 5_000;

test(
  'the official Node SDKs, with their defaults, deliver the mixed workload exactly once',
  { timeout: 300_000 },
  async () => {
    const tmp = tempDir('cxloop-sdks-');
    const server = await startServerProcess(tmp.db);
    const expected: Expected[] = [];
    try {
      for (const [i, sdk] of SDKS.entries()) {
        const errors: string[] = [];
        const before = await outcomes(server.url);
        const sent = await sendWorkload(sdk, server.url, server.ingestKey!, prefixOf(i), errors);
        const after = await outcomes(server.url);
        assert.deepEqual(errors, [], `${sdk} reported no failed batch`);
        assert.deepEqual(
          {
            stored: after.stored! - before.stored!,
            duplicates: after.duplicate! - before.duplicate!,
            rejected: after.rejected! - before.rejected!,
          },
          {
            stored: sent.sent - sent.duplicates - sent.rejected,
            duplicates: sent.duplicates,
            rejected: sent.rejected,
          },
          sdk,
        );
        expected.push(sent);
      }
      await pythonWireBehaviour(server.url, server.ingestKey!);
    } finally {
      await server.stop();
    }

    const store = await DuckDbStore.open(tmp.db, MIGRATIONS);
    try {
      const one = async (sql: string, ...params: string[]) => (await store.read(sql, params))[0]!;
      for (const [i, sdk] of SDKS.entries()) {
        const p = prefixOf(i);
        const like = `${p}-%`;
        const want = expected[i]!;
        const counted = await one(
          `SELECT
           (SELECT count(*) FROM events WHERE customer_id LIKE $1 OR anonymous_id LIKE $1) AS events,
           (SELECT count(DISTINCT id) FROM events WHERE customer_id LIKE $1 OR anonymous_id LIKE $1) AS distinct_ids,
           (SELECT count(*) FROM customers WHERE id LIKE $1) AS customers,
           (SELECT count(*) FROM aliases WHERE customer_id LIKE $1) AS aliases,
           (SELECT count(*) FROM anonymous_traits WHERE anonymous_id LIKE $1) AS anonymous,
           (SELECT count(*) FROM ingest_rejects WHERE message LIKE '%' || $2 || '%') AS rejects`,
          like,
          `"${p}-deep"`,
        );
        assert.deepEqual(
          Object.fromEntries(Object.entries(counted).map(([k, v]) => [k, Number(v)])),
          {
            events: want.events,
            distinct_ids: want.events,
            customers: want.customers,
            aliases: want.aliases,
            anonymous: VISITORS,
            rejects: 1,
          },
          sdk,
        );
        // Traits given while anonymous were merged on identification; the identified ones win.
        const customer = await one('SELECT traits FROM customers WHERE id = $1', `${p}-u5`);
        assert.deepEqual(
          JSON.parse(String(customer.traits)),
          { source: 'ad', plan: 'pro', name: `${UNICODE} 5` },
          sdk,
        );
        const reject = await one('SELECT issues FROM ingest_rejects WHERE message LIKE $1', `%"${p}-deep"%`);
        assert.equal((JSON.parse(String(reject.issues)) as { code: string }[])[0]!.code, 'too_deep', sdk);
        // The client's times, within the time the request took to arrive.
        for (const [id, clientMs] of want.clientTimes) {
          const row = await one('SELECT epoch_ms(ts) AS ms, properties FROM events WHERE id = $1', id);
          const drift = Number(row.ms) - clientMs;
          assert.ok(Math.abs(drift) <= SKEW_MS, `${sdk} ${id}: stored ${drift} ms from the client's time`);
        }
        const oldest = await one('SELECT epoch_ms(ts) AS ms FROM events WHERE id = $1', `${p}-old-event`);
        assert.ok(
          Math.abs(Number(oldest.ms) - OLD_TIME) <= SKEW_MS,
          `${sdk}: the event from 1999 keeps its year`,
        );
        const view = await one('SELECT properties FROM events WHERE id = $1', `${p}-view-3`);
        assert.equal((JSON.parse(String(view.properties)) as { note: string }).note, UNICODE, sdk);
        const big = await one('SELECT properties FROM events WHERE id = $1', `${p}-big`);
        assert.equal((JSON.parse(String(big.properties)) as { note: string }).note.length, 30_000, sdk);
        const page = await one(
          "SELECT properties FROM events WHERE anonymous_id = $1 AND name = 'Page Viewed'",
          `${p}-v7`,
        );
        assert.deepEqual(
          JSON.parse(String(page.properties)),
          { path: '/pricing', name: 'Pricing', category: 'Docs' },
          sdk,
        );
      }
      const python = await one("SELECT count(*) AS n FROM events WHERE customer_id LIKE 'py-%'");
      assert.equal(Number(python.n), 4, 'the Python wire formats stored each message once');
    } finally {
      await store.close();
      tmp.cleanup();
    }
  },
);

/** The Python SDKs' documented requests, byte for byte where it matters. */
async function pythonWireBehaviour(url: string, key: string) {
  const now = new Date().toISOString();
  const batch = (id: string) => [
    { type: 'track', userId: `py-${id}`, event: 'Order Completed', messageId: `py-${id}`, timestamp: now },
  ];
  // rudder-sdk-python 2.x: gzip by default, Basic auth, JSON content type.
  const rudder = await fetch(`${url}/v1/batch`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'content-encoding': 'gzip',
      authorization: 'Basic ' + Buffer.from(`${key}:`).toString('base64'),
    },
    body: gzipSync(JSON.stringify({ batch: batch('r1'), sentAt: now })),
  });
  assert.equal(rudder.status, 200, await rudder.clone().text());
  // segment-analytics-python 2.x: the key only as writeKey in the body; gzip when gzip=True.
  for (const [id, gzip] of [
    ['s1', false],
    ['s2', true],
  ] as const) {
    const text = JSON.stringify({ batch: batch(id), sentAt: now, writeKey: key });
    const res = await fetch(`${url}/v1/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(gzip ? { 'content-encoding': 'gzip' } : {}) },
      body: gzip ? gzipSync(text) : text,
    });
    assert.equal(res.status, 200, await res.clone().text());
  }
  // The same batch again: 200, nothing stored twice (what their retry after a lost reply does).
  const again = await fetch(`${url}/v1/batch`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ batch: [...batch('s1'), ...batch('s3')], writeKey: key }),
  });
  assert.deepEqual(await again.json(), { ok: true, received: 2, stored: 1, duplicates: 1 });
  // Their error path: `payload['code']` and `payload['message']` at the top of a 4xx, which they do not retry.
  const bad = await fetch(`${url}/v1/batch`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ writeKey: key, batch: 'not a list' }),
  });
  const body = (await bad.json()) as { code?: unknown; message?: unknown };
  assert.equal(bad.status, 400);
  assert.equal(body.code, 'invalid_request');
  assert.equal(typeof body.message, 'string');
  // And without a usable key: 401 with the same top-level fields.
  const unknown = await fetch(`${url}/v1/batch`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ writeKey: 'cx_ingest_unknown', batch: batch('x') }),
  });
  assert.equal(unknown.status, 401);
  assert.equal(((await unknown.json()) as { code?: unknown }).code, 'unauthorized');
}
