import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MIGRATIONS } from '../src/capabilities/migrations.ts';
import { DuckDbStore } from '../src/platform/store/duckdb/store.ts';
import { answersKit, NOW, type AnswersKit } from './answers-kit.ts';
import { tempDir } from './helpers.ts';
import { startSmtp } from './smtp.ts';

const HOUR = 3_600_000;

describe('answers: votes, hand-off email with the conversation, timeline and report', () => {
  let kit: AnswersKit;
  let store: DuckDbStore;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  const tmp = tempDir('cxloop-answers-handoff-');
  const clock = { now: NOW };
  before(async () => {
    smtp = await startSmtp();
    store = await DuckDbStore.open(tmp.db, MIGRATIONS);
    kit = await answersKit(store, { smtpPort: smtp.port, now: () => clock.now });
  });
  after(async () => {
    kit.close();
    await store.close();
    await smtp.close();
    tmp.cleanup();
  });
  const who = async (customerId: string) => ({
    customerId,
    userHash: await kit.hashOf('acme', customerId),
    anonymousId: `anon-${customerId}`,
  });

  it('an unanswerable question is handed over, and the support address gets the conversation once', async () => {
    const first = await kit.ask('late-1', 'where is my order');
    const odd = await kit.ask('late-1', 'can my parrot come to the store?');
    assert.equal(odd.json.answer, null, odd.text);
    assert.deepEqual(odd.json.articles, []);
    assert.deepEqual(odd.json.handoff, { offered: true, available: true });
    const body = {
      ...(await who('late-1')),
      conversationId: first.json.conversationId,
      message: 'please call me',
    };
    const handed = await kit.call('POST', '/v1/sdk/answers/handoff', kit.keys.acme!.ingest, body);
    assert.equal(handed.status, 200, handed.text);
    assert.deepEqual(handed.json, { ok: true, stored: true });
    // A retried request stores nothing twice, and the email goes once.
    const again = await kit.call('POST', '/v1/sdk/answers/handoff', kit.keys.acme!.ingest, body);
    assert.deepEqual(again.json, { ok: true, stored: false });
    await kit.services.events.drain();
    await kit.services.events.drain();
    const [mail] = await smtp.waitFor(1);
    assert.equal(mail!.to && 'text' in mail!.to ? mail!.to.text : '', 'support@shop.example');
    assert.match(mail!.subject ?? '', /customer late-1/);
    assert.match(mail!.text ?? '', /please call me/);
    assert.match(mail!.text ?? '', /customer: where is my order/);
    assert.match(mail!.text ?? '', /o-late is delayed/);
    assert.match(mail!.text ?? '', /customer: can my parrot come to the store\?/);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(smtp.messages.length, 1);
  });

  it('an anonymous visitor must leave an email address; a workspace without a support address offers none', async () => {
    const asked = await kit.ask(null, 'gibberish question about nothing');
    const res = await kit.call('POST', '/v1/sdk/answers/handoff', kit.keys.acme!.ingest, {
      anonymousId: 'anon-visitor',
      conversationId: asked.json.conversationId,
    });
    assert.equal(res.status, 400, res.text);
    assert.equal(res.json.error.issues[0].path, 'email');
    const globex = await kit.ask('late-1', 'where is my order', {}, 'globex');
    assert.deepEqual(globex.json.handoff, { offered: false, available: false });
  });

  it('every question, answer, vote and hand-off is on the customer’s timeline at the self-service touchpoint', async () => {
    const rows = await store.read(
      `SELECT name, touchpoint, count(*) AS n FROM events
       WHERE workspace_id = 'acme' AND customer_id = 'late-1' AND name LIKE 'Self-Service%' GROUP BY name, touchpoint ORDER BY name`,
    );
    assert.deepEqual(
      rows.map((r) => [r.name, r.touchpoint, Number(r.n)]),
      [
        ['Self-Service Answer Given', 'faq', 2],
        ['Self-Service Handed Off', 'faq', 1],
        ['Self-Service Question Asked', 'faq', 2],
      ],
    );
  });

  it('the report: deflection over 72 hours, success by intent and article, unanswered, CES', async () => {
    // ontime-1 asks, is helped, rates the effort 6, and contacts nobody.
    const helped = await kit.ask('ontime-1', 'how do I send it back');
    const vote = await kit.call('POST', '/v1/sdk/answers/vote', kit.keys.acme!.ingest, {
      ...(await who('ontime-1')),
      conversationId: helped.json.conversationId,
      turnId: helped.json.turnId,
      helped: true,
    });
    assert.deepEqual(vote.json, { ok: true, stored: true });
    const ces = await kit.call('POST', '/v1/sdk/answers/ces', kit.keys.acme!.ingest, {
      ...(await who('ontime-1')),
      conversationId: helped.json.conversationId,
      score: 6,
    });
    assert.equal(ces.status, 200, ces.text);
    // pending-1 reads the payment article, says it did not help, and opens a ticket a day later.
    const notHelped = await kit.ask('pending-1', 'which payment methods do you accept');
    assert.equal(notHelped.json.articles[0].id, 'payment-methods');
    await kit.call('POST', '/v1/sdk/answers/vote', kit.keys.acme!.ingest, {
      ...(await who('pending-1')),
      conversationId: notHelped.json.conversationId,
      turnId: notHelped.json.turnId,
      helped: false,
    });
    const ticket = await kit.call('POST', '/v1/events', kit.keys.acme!.ingest, {
      id: 'ticket-1',
      customerId: 'pending-1',
      name: 'Support Ticket Opened',
      timestamp: new Date(NOW + 24 * HOUR).toISOString(),
      properties: { channel: 'email' },
    });
    assert.equal(ticket.status, 200, ticket.text);

    const young = await kit.call('GET', '/v1/answers/report', kit.keys.acme!.secret);
    assert.equal(young.status, 200, young.text);
    assert.equal(young.json.deflection.rate.n, 0);
    assert.equal(young.json.deflection.pending, 3); // late-1, ontime-1, pending-1: all under 72 hours old
    assert.equal(young.json.deflection.anonymous, 1);

    clock.now = NOW + 73 * HOUR;
    const r = (
      await kit.call('GET', '/v1/answers/report?from=2025-06-01&to=2025-07-01', kit.keys.acme!.secret)
    ).json;
    assert.match(r.deflection.population, /identified customers/);
    // late-1 handed off, pending-1 opened a ticket, ontime-1 did neither: 1 of 3.
    assert.deepEqual([r.deflection.rate.successes, r.deflection.rate.n], [1, 3]);
    const intent = (name: string) => r.byIntent.find((i: { intent: string }) => i.intent === name);
    assert.equal(intent('return_item').asked, 1);
    assert.deepEqual([intent('return_item').helped.successes, intent('return_item').helped.n], [1, 1]);
    assert.deepEqual(r.byArticle, [
      {
        article: 'payment-methods',
        shown: 1,
        helped: { n: 1, successes: 0, rate: 0, low: 0, high: r.byArticle[0].helped.high },
      },
    ]);
    const terms = r.unanswered.map((u: { term: string }) => u.term);
    assert.ok(terms.includes('parrot') || terms.includes('store'), JSON.stringify(r.unanswered));
    assert.ok(
      r.unanswered.some((u: { examples: string[] }) =>
        u.examples.includes('which payment methods do you accept'),
      ),
    );
    assert.equal(r.ces.n, 1);
    assert.equal(r.ces.mean, 6);
    assert.equal(r.ces.easy.successes, 1);
    const bad = await kit.call('GET', '/v1/answers/report?from=June', kit.keys.acme!.secret);
    assert.equal(bad.status, 400);
    assert.equal(bad.json.error.issues[0].path, 'from');
  });
});
