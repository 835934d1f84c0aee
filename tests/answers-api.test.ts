import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MIGRATIONS } from '../src/capabilities/migrations.ts';
import { DuckDbStore } from '../src/platform/store/duckdb/store.ts';
import { answersKit, type AnswersKit } from './answers-kit.ts';
import { tempDir } from './helpers.ts';

describe('answers: contextual answers from the customer’s own orders (DuckDB)', () => {
  let kit: AnswersKit;
  let store: DuckDbStore;
  const tmp = tempDir('cxloop-answers-');
  before(async () => {
    store = await DuckDbStore.open(tmp.db, MIGRATIONS);
    kit = await answersKit(store);
  });
  after(async () => {
    kit.close();
    await store.close();
    tmp.cleanup();
  });

  it('a late order: its real status, carrier, tracking link, promise and "late by 4 days"', async () => {
    const res = await kit.ask('late-1', "where's my parcel??");
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.intent, 'order_status');
    assert.match(res.json.answer.text, /o-late is delayed/);
    assert.match(res.json.answer.text, /late by 4 days/);
    const facts = Object.fromEntries(
      res.json.answer.facts.map((f: { label: string; value: string }) => [f.label, f.value]),
    );
    assert.deepEqual(facts, {
      Order: 'o-late',
      Carrier: 'UPS',
      'Promised delivery': '2025-06-26',
      'New estimate': '2025-07-02',
    });
    assert.equal(res.json.answer.link.url, 'https://track.example/UPS/o-late');
    assert.equal(res.json.answer.personal, true);
  });

  it('on time, delivered: no delay claimed; the return deadline is 30 days from delivery', async () => {
    const status = await kit.ask('ontime-1', 'where is my order');
    assert.match(status.json.answer.text, /delivered\. It arrived on time\./);
    const back = await kit.ask('ontime-1', 'how do I send it back');
    assert.equal(back.json.intent, 'return_item');
    assert.match(back.json.answer.text, /until 2025-07-15/);
    assert.equal(back.json.articles[0].id, 'returns-policy');
    assert.match(back.json.articles[0].html, /<strong>30 days of delivery<\/strong>/);
  });

  it('delivered late: "arrived 3 days after the promised date"; refund pending after a return', async () => {
    const status = await kit.ask('pending-1', 'has my order arrived?');
    assert.match(status.json.answer.text, /arrived 3 days after the promised date/);
    const refund = await kit.ask('pending-1', 'has my refund been issued');
    assert.equal(refund.json.intent, 'refund_status');
    assert.match(refund.json.answer.text, /not been issued yet/);
  });

  it('refunded: the refund with its amount and date', async () => {
    const refund = await kit.ask('refunded-1', 'where is my refund?');
    assert.match(refund.json.answer.text, /refund \(49\.90 EUR\) has been issued/);
    assert.deepEqual(refund.json.answer.facts[1], { label: 'Refund issued', value: '2025-05-14' });
    const closed = await kit.ask('refunded-1', 'can I return this');
    assert.match(closed.json.answer.text, /return window closed on 2025-06-05/);
  });

  it('answers in the customer’s language', async () => {
    const de = await kit.ask('late-1', 'wo ist mein paket', { language: 'de-DE' });
    assert.match(de.json.answer.text, /Bestellung o-late ist verspätet/);
    assert.match(de.json.answer.text, /4 Tage verspätet/);
  });

  it('address changes are handed to a person', async () => {
    const res = await kit.ask('late-1', 'I need to change my delivery address');
    assert.equal(res.json.intent, 'change_address');
    assert.deepEqual(res.json.handoff, { offered: true, available: true });
  });

  it('a question outside the intents gets the best articles, with typos and stems', async () => {
    const res = await kit.ask(null, 'which paymnt methods do you accept');
    assert.equal(res.json.intent, null);
    assert.equal(res.json.answer, null);
    assert.equal(res.json.articles[0].id, 'payment-methods');
  });
});

describe('answers never reveal another customer’s data', () => {
  let kit: AnswersKit;
  let store: DuckDbStore;
  const tmp = tempDir('cxloop-answers-leak-');
  before(async () => {
    store = await DuckDbStore.open(tmp.db, MIGRATIONS);
    kit = await answersKit(store);
  });
  after(async () => {
    kit.close();
    await store.close();
    tmp.cleanup();
  });
  const base = {
    question: 'where is my order',
    conversationId: 'conv-attack-01',
    turnId: 'turn-attack-01',
    anonymousId: 'x',
  };

  it('a customer id without its user hash, with another’s hash, or with another workspace’s is refused', async () => {
    const attempts = [
      { ...base, customerId: 'late-1' },
      { ...base, customerId: 'late-1', userHash: await kit.hashOf('acme', 'ontime-1') },
      { ...base, customerId: 'late-1', userHash: '0'.repeat(64) },
    ];
    for (const body of attempts) {
      const res = await kit.call('POST', '/v1/sdk/answers/ask', kit.keys.acme!.ingest, body);
      assert.equal(res.status, 401, res.text);
      assert.equal(res.json.error.issues[0].path, 'userHash');
      assert.doesNotMatch(res.text, /o-late/);
    }
    const other = await kit.call('POST', '/v1/sdk/answers/ask', kit.keys.globex!.ingest, {
      ...base,
      customerId: 'late-1',
      userHash: await kit.hashOf('acme', 'late-1'),
    });
    assert.equal(other.status, 401);
    // Verified in globex, the same id has no orders there: globex never sees acme's.
    const globex = await kit.ask('late-1', 'where is my order', {}, 'globex');
    assert.equal(globex.status, 200);
    assert.doesNotMatch(globex.text, /o-late|UPS/);
  });

  it('an anonymous visitor gets no order and only public articles', async () => {
    const res = await kit.ask(null, 'where is my parcel');
    assert.equal(res.json.answer.personal, false);
    assert.match(res.json.answer.text, /Sign in/);
    const discount = await kit.ask(null, 'member discount code');
    assert.ok(
      !discount.json.articles.some((a: { id: string }) => a.id === 'loyalty-discounts'),
      discount.text,
    );
    const customer = await kit.ask('ontime-1', 'member discount code');
    assert.ok(
      customer.json.articles.some((a: { id: string }) => a.id === 'loyalty-discounts'),
      customer.text,
    );
  });

  it('a vote or hand-off on another visitor’s conversation finds nothing', async () => {
    const mine = await kit.ask('late-1', 'where is my order');
    const vote = await kit.call('POST', '/v1/sdk/answers/vote', kit.keys.acme!.ingest, {
      anonymousId: 'someone',
      conversationId: mine.json.conversationId,
      turnId: mine.json.turnId,
      helped: false,
    });
    assert.equal(vote.status, 404, vote.text);
    const handoff = await kit.call('POST', '/v1/sdk/answers/handoff', kit.keys.acme!.ingest, {
      anonymousId: 'someone',
      conversationId: mine.json.conversationId,
      email: 'thief@example.com',
    });
    assert.equal(handoff.status, 404, handoff.text);
  });

  it('questions are limited in length and rate; the field is named', async () => {
    const long = await kit.ask('pending-1', 'x'.repeat(501));
    assert.equal(long.status, 400);
    assert.equal(long.json.error.issues[0].path, 'question');
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await kit.ask('refunded-1', 'where is my refund')).status);
    assert.deepEqual(statuses.slice(0, 10), Array(10).fill(200));
    assert.equal(statuses[11], 429);
  });

  it('article Markdown is sanitised: no script, no handlers, no javascript: links', async () => {
    const res = await kit.call('PUT', '/v1/answers', kit.keys.globex!.secret, {
      articles: [
        {
          id: 'evil',
          markdown:
            '---\ntitle: Evil\n---\nHello <script>alert(1)</script> <img src=x onerror="alert(2)"> [click](javascript:alert(3))',
        },
      ],
    });
    assert.equal(res.status, 200, res.text);
    const shown = await kit.call('GET', '/v1/answers/articles/evil', kit.keys.globex!.secret);
    assert.doesNotMatch(shown.json.html, /<script|onerror|javascript:/);
    assert.match(shown.json.html, /Hello/);
  });

  it('a bad article is refused whole with the field named, and nothing is replaced', async () => {
    const res = await kit.call('PUT', '/v1/answers', kit.keys.acme!.secret, {
      articles: [
        { id: 'fine', markdown: '---\ntitle: Fine\n---\ntext' },
        { id: 'broken', markdown: '---\ntitle: 7\npublic: maybe\n---\ntext' },
      ],
    });
    assert.equal(res.status, 400, res.text);
    assert.ok(
      res.json.error.issues.some((i: { path: string }) => i.path === 'articles[1].public'),
      res.text,
    );
    const list = await kit.call('GET', '/v1/answers/articles', kit.keys.acme!.secret);
    assert.ok(list.json.articles.some((a: { id: string }) => a.id === 'returns-policy'));
    assert.ok(!list.json.articles.some((a: { id: string }) => a.id === 'fine'));
  });
});
