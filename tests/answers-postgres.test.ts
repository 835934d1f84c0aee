import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MIGRATIONS } from '../src/capabilities/migrations.ts';
import { PostgresStore } from '../src/platform/store/postgres/store.ts';
import { answersKit, NOW, type AnswersKit } from './answers-kit.ts';
import { startPgServer, type PgServer } from './pg-server.ts';
import { startSmtp } from './smtp.ts';

/** The answers capability in server mode: the same knowledge base, answers, hand-off and report on PostgreSQL. */
describe('answers on PostgreSQL', () => {
  let server: PgServer;
  let store: PostgresStore;
  let kit: AnswersKit;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  const clock = { now: NOW };
  before(async () => {
    server = await startPgServer();
    smtp = await startSmtp();
    store = await PostgresStore.open(await server.createDatabase(), MIGRATIONS);
    kit = await answersKit(store, { smtpPort: smtp.port, now: () => clock.now });
  });
  after(async () => {
    kit?.close();
    await store?.close();
    await smtp?.close();
    await server?.stop();
  });

  it('applies the starter knowledge base and lists it', async () => {
    const list = await kit.call('GET', '/v1/answers/articles', kit.keys.acme!.secret);
    assert.equal(list.status, 200, list.text);
    const returns = list.json.articles.find((a: { id: string }) => a.id === 'returns-policy');
    assert.deepEqual(returns.languages, ['de', 'en']);
    assert.deepEqual(returns.tags, ['returns', 'return', 'send back']);
    const de = await kit.call(
      'GET',
      '/v1/answers/articles/returns-policy?language=de',
      kit.keys.acme!.secret,
    );
    assert.equal(de.json.title, 'So senden Sie einen Artikel zurück');
  });

  it('answers the late order, refuses a forged identity, and keeps workspaces apart', async () => {
    const late = await kit.ask('late-1', "where's my parcel??");
    assert.equal(late.status, 200, late.text);
    assert.match(late.json.answer.text, /late by 4 days/);
    const back = await kit.ask('ontime-1', 'how do I send it back');
    assert.match(back.json.answer.text, /until 2025-07-15/);
    const forged = await kit.call('POST', '/v1/sdk/answers/ask', kit.keys.acme!.ingest, {
      anonymousId: 'x',
      customerId: 'late-1',
      userHash: await kit.hashOf('globex', 'late-1'),
      question: 'where is my order',
      conversationId: 'conv-forged-1',
      turnId: 'turn-forged-1',
    });
    assert.equal(forged.status, 401);
    const globex = await kit.ask('late-1', 'where is my order', {}, 'globex');
    assert.doesNotMatch(globex.text, /o-late/);
  });

  it('hands over with the conversation by email, once, and counts it in the report', async () => {
    const odd = await kit.ask('pending-1', 'can my parrot visit the warehouse');
    const body = {
      customerId: 'pending-1',
      userHash: await kit.hashOf('acme', 'pending-1'),
      anonymousId: 'anon-pending-1',
      conversationId: odd.json.conversationId,
    };
    assert.deepEqual((await kit.call('POST', '/v1/sdk/answers/handoff', kit.keys.acme!.ingest, body)).json, {
      ok: true,
      stored: true,
    });
    await kit.services.events.drain();
    const [mail] = await smtp.waitFor(1);
    assert.match(mail!.text ?? '', /customer: can my parrot visit the warehouse/);
    clock.now = NOW + 80 * 3_600_000;
    const report = await kit.call(
      'GET',
      '/v1/answers/report?from=2025-06-01&to=2025-07-01',
      kit.keys.acme!.secret,
    );
    assert.equal(report.status, 200, report.text);
    // late-1 and ontime-1 contacted nobody; pending-1 handed off: 2 of 3.
    assert.deepEqual([report.json.deflection.rate.successes, report.json.deflection.rate.n], [2, 3]);
  });
});
