import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { startSmtp } from './smtp.ts';
import { DAY, surveyKit, type SurveyKit } from './surveys-kit.ts';

/** Issue 13, finding 2: the `email` trait is one address, checked at ingest and again at send time. */
const example = (name: string) =>
  readFileSync(new URL(`../examples/surveys/${name}.yaml`, import.meta.url), 'utf8');

const LIST = Array.from({ length: 50 }, (_, i) => `r${i}@x.com`).join(', ');
const INJECTED = 'victim@x.com\r\nBcc: evil@x.com';

describe('the email trait is exactly one address', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let kit: SurveyKit;
  before(async () => {
    smtp = await startSmtp();
    kit = await surveyKit({ smtpPort: smtp.port });
    await kit.defineSurvey('acme', example('post-delivery-csat'), 'post-delivery-csat');
  });
  after(async () => {
    await kit.close();
    await smtp.close();
  });

  const traitsOf = async (id: string) => {
    const rows = await kit.store.read(
      "SELECT traits::VARCHAR AS traits FROM customers WHERE workspace_id = 'acme' AND id = $1",
      [id],
    );
    return rows[0] ? (JSON.parse(rows[0].traits as string) as Record<string, unknown>) : null;
  };

  it('ingest refuses lists, injected headers and non-strings at traits.email, storing no bad address', async () => {
    const ingest = kit.keys.acme!.ingest;
    for (const email of [LIST, INJECTED, 'Ann <ann@x.com>', ['a@x.com'], 'ann']) {
      const own = await kit.call('POST', '/v1/identify', ingest, { customerId: 'bad-1', traits: { email } });
      assert.equal(own.status, 400, `${JSON.stringify(email)}: ${own.text}`);
      assert.equal(own.json.error.issues[0].path, 'traits.email');
      assert.equal(own.json.error.issues[0].code, 'invalid_email');
      const segment = await kit.call('POST', '/v1/batch', ingest, {
        batch: [
          { type: 'identify', userId: 'bad-2', traits: { name: 'ok' } },
          { type: 'identify', userId: 'bad-2', traits: { email } },
        ],
      });
      // A Segment batch stores its valid messages and logs the refused one (issue #12): the bad
      // address is refused by its path, and never stored.
      assert.equal(segment.status, 200, segment.text);
      assert.equal(segment.json.rejected, 1, segment.text);
      assert.deepEqual(
        segment.json.rejects[0].issues.map((i: { index: number; path: string }) => `${i.index}:${i.path}`),
        ['1:traits.email'],
      );
    }
    assert.equal(await traitsOf('bad-1'), null);
    assert.deepEqual(
      await traitsOf('bad-2'),
      { name: 'ok' },
      'only the valid message of the batch is stored',
    );
    const good = await kit.call('POST', '/v1/identify', ingest, {
      customerId: 'good',
      traits: { email: 'ann@example.com' },
    });
    assert.equal(good.status, 200, good.text);
    const cleared = await kit.call('POST', '/v1/identify', ingest, {
      customerId: 'good',
      traits: { email: null },
    });
    assert.equal(cleared.status, 200, 'null forgets the address');
  });

  it('a bad value stored before the check is skipped at send time with its reason, never sent', async () => {
    await kit.call('POST', '/v1/identify', kit.keys.acme!.ingest, {
      customerId: 'ok-1',
      traits: { email: 'ok@example.com' },
    });
    // Stored as an older version of cxloop let them through.
    for (const [id, email] of [
      ['old-list', LIST],
      ['old-injected', INJECTED],
    ] as const)
      await kit.store.write([
        {
          sql: "INSERT INTO customers (workspace_id, id, traits, first_seen, last_seen) VALUES ('acme', $1, $2, $3, $3)",
          params: [id, JSON.stringify({ email }), new Date(kit.clock.now)],
        },
      ]);
    for (const customerId of ['ok-1', 'old-list', 'old-injected']) {
      const res = await kit.call('POST', '/v1/events', kit.keys.acme!.ingest, {
        id: `d-${customerId}`,
        customerId,
        name: 'Order Delivered',
        timestamp: new Date(kit.clock.now).toISOString(),
      });
      assert.equal(res.status, 200, res.text);
    }
    kit.advance(2 * DAY);
    const report = await kit.dispatch();
    assert.equal(report.sent, 1, JSON.stringify(report));
    assert.equal(report.skipped, 2, JSON.stringify(report));
    const [mail] = await smtp.waitFor(1);
    assert.equal((mail!.to as { text: string }).text, 'ok@example.com');
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(smtp.messages.length, 1, 'nothing went to the bad addresses');
    for (const customerId of ['old-list', 'old-injected']) {
      const log = await kit.call(
        'GET',
        `/v1/contact-policy/decisions?customerId=${customerId}`,
        kit.keys.acme!.secret,
      );
      assert.deepEqual(
        log.json.decisions.map((d: { decision: string; reason: string }) => `${d.decision}:${d.reason}`),
        ['skipped:invalid_email'],
      );
    }
  });
});
