import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { unzipSync, strFromU8 } from 'fflate';
import { testApp } from './helpers.ts';

// Distinctive values, so a byte search cannot hit anything else in the file.
const ID = 'zq-erase-7731';
const EMAIL = 'Zq.Erase.7731@victim.example';
const ANON = 'anon-zq-7731';
const KEEP = 'keep-customer-42';

/** Whether a value is anywhere in the database file or its write-ahead log. */
function inDatabase(db: string, value: string): boolean {
  const files = [db, `${db}.wal`].flatMap((f) => {
    try {
      return [readFileSync(f)];
    } catch {
      return [];
    }
  });
  return files.some((b) => b.includes(Buffer.from(value, 'utf8')));
}

describe('data subject requests on DuckDB: export, erasure, suppression', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  const secret = () => t.keys.acme!.secret;
  const ingest = () => t.keys.acme!.ingest;

  before(async () => {
    t = await testApp();
    const ok = async (res: Response) => assert.equal(res.status, 200, await res.text());
    // Anonymous browsing first, then identify merges the anonymous id into the customer.
    await ok(
      await t.post('/v1/events', ingest(), [
        { id: 'e-anon-1', anonymousId: ANON, name: 'Page Viewed', timestamp: '2025-06-01T09:00:00Z' },
        { id: 'e-keep-1', customerId: KEEP, name: 'Page Viewed', timestamp: '2025-06-01T09:00:00Z' },
      ]),
    );
    await ok(
      await t.post('/v1/identify', ingest(), {
        customerId: ID,
        anonymousId: ANON,
        traits: { email: EMAIL, name: 'Erase Me' },
        timestamp: '2025-06-01T10:00:00Z',
      }),
    );
    await ok(
      await t.post('/v1/identify', ingest(), {
        customerId: KEEP,
        traits: { email: 'keep@example.com' },
        timestamp: '2025-06-01T10:00:00Z',
      }),
    );
    await ok(
      await t.post('/v1/events', ingest(), [
        {
          id: 'e-1',
          customerId: ID,
          name: 'Order Completed',
          timestamp: '2025-06-02T10:00:00Z',
          properties: { total: 12 },
        },
      ]),
    );
    await ok(
      await t.post('/v1/feedback', ingest(), [
        {
          id: 'f-1',
          customerId: ID,
          touchpoint: 'delivery',
          metric: 'csat',
          score: 2,
          comment: `late again, write to ${EMAIL}`,
          timestamp: '2025-06-03T10:00:00Z',
        },
        {
          id: 'f-keep',
          customerId: KEEP,
          touchpoint: 'delivery',
          metric: 'csat',
          score: 5,
          timestamp: '2025-06-03T10:00:00Z',
        },
      ]),
    );
  });
  after(() => t.close());

  test('the export holds every table with their rows, as JSON and as a zip of CSVs', async () => {
    const res = await t.get(`/v1/customers/${ID}/export`, secret());
    assert.equal(res.status, 200);
    const data = (await res.json()) as {
      customer: { id: string; anonymousIds: string[]; emails: string[] };
      tables: { table: string; columns: string[]; rows: unknown[][] }[];
    };
    assert.deepEqual(data.customer, { id: ID, anonymousIds: [ANON], emails: [EMAIL] });
    const count = (table: string) => data.tables.find((x) => x.table === table)?.rows.length;
    assert.equal(count('customers'), 1);
    assert.equal(count('aliases'), 1);
    assert.equal(count('events'), 2, 'the event sent as anonymous counts too');
    assert.equal(count('feedback'), 1);
    const all = JSON.stringify(data);
    assert.ok(!all.includes(KEEP), 'nothing of another customer');

    const zip = await t.get(`/v1/customers/${ID}/export?format=zip`, secret());
    assert.equal(zip.status, 200);
    assert.equal(zip.headers.get('content-type'), 'application/zip');
    const files = unzipSync(new Uint8Array(await zip.arrayBuffer()));
    assert.ok(files['customer.json'] && files['events.csv'] && files['feedback.csv']);
    const feedbackCsv = strFromU8(files['feedback.csv']!);
    assert.match(feedbackCsv.split('\r\n')[0]!, /^workspace_id,id,customer_id,touchpoint,metric,score/);
    assert.ok(feedbackCsv.includes(`"late again, write to ${EMAIL}"`), 'a comma in a cell is quoted');
  });

  test('an erasure of an unknown customer is a 404 and touches nothing', async () => {
    const before = (await (await t.get('/v1/audit', secret())).json()) as { entries: unknown[] };
    const res = await t.call('DELETE', '/v1/customers/nobody-here', secret());
    assert.equal(res.status, 404);
    const after = (await (await t.get('/v1/audit', secret())).json()) as { entries: unknown[] };
    assert.equal(after.entries.length, before.entries.length);
  });

  test('erasure removes every row, and the id, email and anonymous id are gone from the file bytes', async () => {
    for (const v of [ID, ANON])
      assert.ok(inDatabase(t.db, v), `before erasure the search finds ${v} (so the search works)`);
    const res = await t.call('DELETE', `/v1/customers/${ID}`, secret());
    const text = await res.text();
    assert.equal(res.status, 200, text);
    const report = JSON.parse(text) as {
      rows: Record<string, number>;
      target: string;
      reclaim: { engine: string; rewritten: boolean };
    };
    assert.equal(report.rows.events, 2);
    assert.equal(report.rows.feedback, 1);
    assert.equal(report.rows.customers, 1);
    assert.equal(report.rows.aliases, 1);
    assert.deepEqual(report.reclaim.engine, 'duckdb');
    assert.equal(report.reclaim.rewritten, true);
    assert.ok(!report.target.includes(ID));
    for (const v of [ID, ANON, EMAIL, EMAIL.toLowerCase(), 'Erase Me', 'late again'])
      assert.ok(!inDatabase(t.db, v), `${v} is not in the database file after erasure`);
    // The other customer is untouched, and the store still works after the file was replaced.
    const kept = (await (await t.get(`/v1/customers/${KEEP}/export`, secret())).json()) as {
      tables: { table: string; rows: unknown[] }[];
    };
    assert.equal(kept.tables.find((x) => x.table === 'events')?.rows.length, 1);
    assert.equal(kept.tables.find((x) => x.table === 'feedback')?.rows.length, 1);
    assert.ok(!JSON.stringify(kept).includes(ID), 'no export mentions the erased customer');
    assert.equal((await t.get(`/v1/customers/${ID}/export`, secret())).status, 404);
  });

  test('a retried ingest of the erased customer is refused, by id, anonymous id or email', async () => {
    const refusals: [string, unknown][] = [
      [
        '/v1/events',
        [{ id: 'e-1', customerId: ID, name: 'Order Completed', timestamp: '2025-06-02T10:00:00Z' }],
      ],
      [
        '/v1/events',
        [{ id: 'e-9', anonymousId: ANON, name: 'Page Viewed', timestamp: '2025-06-05T10:00:00Z' }],
      ],
      ['/v1/identify', { customerId: 'new-id-1', traits: { email: EMAIL.toUpperCase() } }],
      ['/v1/track', { userId: ID, event: 'Order Completed', messageId: 'm-1' }],
    ];
    for (const [path, body] of refusals) {
      const res = await t.post(path, ingest(), body);
      assert.equal(res.status, 409, `${path} ${JSON.stringify(body)}`);
      const reply = (await res.json()) as {
        error: { code: string; message: string; issues: { path: string }[] };
      };
      assert.equal(reply.error.code, 'customer_erased');
      assert.ok(!JSON.stringify(reply).includes(ID), 'the refusal does not repeat the id');
    }
    assert.ok(!inDatabase(t.db, ID), 'nothing was stored');
    assert.equal(
      (
        await t.post('/v1/events', ingest(), [
          { id: 'e-other', customerId: 'someone-else', name: 'X', timestamp: '2025-06-05T10:00:00Z' },
        ])
      ).status,
      200,
    );
    const invite = await t.post('/v1/surveys/any-survey/invitations', secret(), {
      customerId: ID,
      channel: 'link',
    });
    assert.equal(invite.status, 409, 'an erased customer is not invited again');
    assert.equal(((await invite.json()) as { error: { code: string } }).error.code, 'customer_erased');
    assert.equal(await t.services.suppressions.isSuppressed('acme', { customerId: ID }), true);
    assert.equal(
      await t.services.suppressions.isSuppressed('acme', { email: ` ${EMAIL.toLowerCase()} ` }),
      true,
    );
    assert.equal(
      await t.services.suppressions.isSuppressed('globex', { customerId: ID }),
      false,
      'per workspace',
    );
  });

  test('exports and the erasure are in the audit log, naming the customer by hash only', async () => {
    const page = (await (await t.get(`/v1/audit?customer=${ID}`, secret())).json()) as {
      entries: { operation: string; target: string; actor: { kind: string; id: string } }[];
      population: string;
    };
    assert.deepEqual(
      page.entries.map((e) => e.operation),
      ['customer.erase', 'customer.export', 'customer.export'],
    );
    assert.equal(page.entries[0]!.actor.kind, 'key');
    assert.match(page.population, /workspace acme, all time, filtered by customer/);
    assert.ok(!inDatabase(t.db, ID));
  });
});
