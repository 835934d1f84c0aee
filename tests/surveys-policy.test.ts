import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DAY, HOUR, surveyKit, type SurveyKit } from './surveys-kit.ts';

const webSurvey = (id: string) => ({
  id,
  name: `Survey ${id}`,
  touchpoint: 'product-pages',
  questions: [{ id: 'score', kind: 'csat', text: 'How was it?' }],
  triggers: [{ id: 'viewed', event: 'Product Viewed', channel: 'web', expiresAfter: '7d' }],
});

describe('contact-pressure policy under a burst of triggers', () => {
  let kit: SurveyKit;
  const decisions = async (customerId: string) => {
    const res = await kit.call(
      'GET',
      `/v1/contact-policy/decisions?customerId=${customerId}&limit=1000`,
      kit.keys.acme!.secret,
    );
    return res.json.decisions as { decision: string; reason: string; surveyId: string }[];
  };
  const tally = (list: { decision: string; reason: string }[]) =>
    list.reduce<Record<string, number>>(
      (t, d) => ({ ...t, [`${d.decision}:${d.reason}`]: (t[`${d.decision}:${d.reason}`] ?? 0) + 1 }),
      {},
    );
  const burst = async (customers: string[], perCustomer: number, prefix: string) => {
    const batch = customers.flatMap((c) =>
      Array.from({ length: perCustomer }, (_, i) => ({
        id: `${prefix}-${c}-${i}`,
        customerId: c,
        name: 'Product Viewed',
        timestamp: new Date(kit.clock.now - i).toISOString(),
      })),
    );
    const res = await kit.call('POST', '/v1/events', kit.keys.acme!.ingest, { batch });
    assert.equal(res.status, 200, res.text);
  };

  before(async () => {
    kit = await surveyKit();
    const policy = await kit.call('PUT', '/v1/contact-policy', kit.keys.acme!.secret, {
      maxInvitations: 2,
      period: '30d',
      minGap: '1d',
      resurveyAfter: '60d',
      quietHours: { start: '21:00', end: '08:00' },
    });
    assert.equal(policy.status, 200, policy.text);
    for (const id of ['a', 'b', 'c']) await kit.defineSurvey('acme', webSurvey(id));
  });
  after(() => kit.close());

  it('refuses a bad policy with paths', async () => {
    const res = await kit.call('PUT', '/v1/contact-policy', kit.keys.acme!.secret, {
      maxInvitations: 0,
      minGap: 'soon',
      quietHours: { start: '25:00', end: '08:00' },
    });
    assert.equal(res.status, 400);
    const paths = res.json.error.issues.map((i: { path: string }) => i.path).sort();
    assert.deepEqual(paths, ['maxInvitations', 'minGap', 'quietHours.start']);
    const tz = await kit.call('PUT', '/v1/contact-policy', kit.keys.acme!.secret, {
      defaultTimezone: 'Mars/Olympus',
    });
    assert.equal(tz.json.error.issues[0].path, 'defaultTimezone');
  });

  it('twenty events at once for one customer: one invitation now, one a day later, the rest skipped with reasons', async () => {
    await burst(['burst'], 20, 'b1');
    const first = await kit.dispatch();
    assert.equal(first.claimed, 60);
    assert.equal(first.sent, 1);
    assert.deepEqual(tally(await decisions('burst')), {
      'sent:web_ready': 1,
      'skipped:recently_surveyed': 19,
      'delayed:min_gap': 2,
      'skipped:already_invited': 38,
    });

    kit.advance(HOUR);
    assert.equal((await kit.dispatch()).claimed, 0, 'the delayed ones wait for the gap');
    kit.advance(DAY);
    const second = await kit.dispatch();
    // The second goes; the third would break the cap of 2 per 30 days until after it expires.
    assert.deepEqual([second.sent, second.skipped], [1, 1]);
    kit.advance(DAY);
    assert.equal((await kit.dispatch()).claimed, 0);
    const tallied = tally(await decisions('burst'));
    assert.equal(tallied['skipped:max_per_period'], 1);
    assert.equal(tallied['sent:web_ready'], 2);

    const sent = await kit.store.read(
      "SELECT sent_at FROM survey_invitations WHERE customer_id = 'burst' AND status = 'sent' ORDER BY sent_at",
    );
    assert.equal(sent.length, 2);
    assert.ok((sent[1]!.sent_at as number) - (sent[0]!.sent_at as number) >= DAY, 'the minimum gap held');
    let skipped = 0;
    for (const id of ['a', 'b', 'c']) {
      const results = await kit.call('GET', `/v1/surveys/${id}/results`, kit.keys.acme!.secret);
      assert.equal(results.json.invitations, 20);
      skipped += results.json.skippedByPolicy;
    }
    assert.equal(skipped, 58);
  });

  it('a burst over many customers treats each customer on its own', async () => {
    const customers = Array.from({ length: 100 }, (_, i) => `many-${i}`);
    await burst(customers, 3, 'b2');
    let report = await kit.dispatch();
    while (report.claimed > 0) report = await kit.dispatch();
    const perCustomer = await kit.store.read(
      "SELECT customer_id, count(*) FILTER (WHERE status = 'sent') AS sent FROM survey_invitations WHERE customer_id LIKE 'many-%' GROUP BY 1",
    );
    assert.equal(perCustomer.length, 100);
    assert.ok(perCustomer.every((r) => r.sent === 1));
  });

  it("email waits for the end of quiet hours in the customer's time zone; no address, no email", async () => {
    await kit.defineSurvey('acme', {
      ...webSurvey('mail'),
      triggers: [{ id: 'delivered', event: 'Order Delivered', channel: 'email' }],
    });
    kit.clock.now = Date.parse('2025-08-01T14:00:00Z'); // 23:00 in Tokyo
    await kit.call('POST', '/v1/identify', kit.keys.acme!.ingest, {
      customerId: 'yuki',
      traits: { email: 'y@example.jp', timezone: 'Asia/Tokyo' },
    });
    await kit.call('POST', '/v1/identify', kit.keys.acme!.ingest, {
      customerId: 'nomail',
      traits: { timezone: 'Asia/Tokyo' },
    });
    for (const c of ['yuki', 'nomail'])
      await kit.call('POST', '/v1/events', kit.keys.acme!.ingest, {
        id: `q-${c}`,
        customerId: c,
        name: 'Order Delivered',
        timestamp: new Date(kit.clock.now).toISOString(),
      });
    await kit.dispatch();
    const [yuki] = await decisions('yuki');
    assert.equal(yuki!.decision, 'delayed');
    assert.equal(yuki!.reason, 'quiet_hours');
    assert.equal((yuki as unknown as { until: string }).until, '2025-08-01T23:00:00.000Z', '08:00 in Tokyo');
    const [nomail] = await decisions('nomail');
    assert.deepEqual([nomail!.decision, nomail!.reason], ['skipped', 'no_email']);
  });
});
