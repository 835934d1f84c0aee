import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createServices } from '../src/capabilities/graph.ts';
import type { Survey } from '../src/core/surveys/schema.ts';
import { PostgresStore } from '../src/platform/store/postgres/store.ts';
import type { Store } from '../src/platform/store/port.ts';
import { DuckDbStore } from '../src/platform/store/duckdb/store.ts';
import { surveyErrorCode } from '../src/capabilities/surveys/errors.ts';
import { MIGRATIONS } from '../src/capabilities/migrations.ts';
import { InputError } from '../src/core/issues.ts';
import { tempDir } from './helpers.ts';
import { startPgServer, type PgServer } from './pg-server.ts';

/**
 * Issue 13, finding 6: the stored answer and the feedback counted in NPS follow one rule. Two
 * answers to one question in one request are refused (400); of different answers to an answered
 * question, the first wins and the others get 409, also when they arrive at the same moment.
 */
const NOW = Date.parse('2025-06-30T10:00:00Z');
const SURVEY = {
  id: 'nps',
  name: 'NPS',
  touchpoint: 'checkout',
  questions: [
    { id: 'recommend', kind: 'nps', text: 'How likely?', required: true },
    { id: 'why', kind: 'text', text: 'Why?' },
  ],
};

async function setUp(stores: Store[]) {
  const [first] = stores;
  if (!(await first!.getWorkspace('w'))) await first!.createWorkspace('w', 'W', NOW);
  // One set of services per store: on PostgreSQL each stands for a server process of its own.
  const all = stores.map((store) => createServices(store, () => NOW));
  await all[0]!.surveys.definitions.save('w', SURVEY, NOW);
  return all;
}

function suite(
  name: string,
  open: () => Promise<{ stores: Store[]; close(): Promise<void> }>,
  skip?: string,
) {
  describe(name, { skip: skip ?? false }, () => {
    let handle: Awaited<ReturnType<typeof open>>;
    let services: ReturnType<typeof createServices>[];
    before(async () => {
      handle = await open();
      services = await setUp(handle.stores);
    });
    after(() => handle?.close());

    const invite = async (customerId: string) => {
      const link = await services[0]!.surveys.invitations.create(
        'w',
        'nps',
        { customerId, channel: 'link' },
        NOW,
      );
      return link.invitation;
    };
    const feedbackOf = async (customerId: string) =>
      (
        await handle.stores[0]!.read(
          `SELECT score FROM feedback WHERE workspace_id = 'w' AND customer_id = $1 ORDER BY score`,
          [customerId],
        )
      ).map((r) => Number(r.score));
    const answerOf = async (customerId: string) =>
      (
        await handle.stores[0]!.read(
          `SELECT CAST(value AS VARCHAR) AS value FROM survey_answers WHERE workspace_id = 'w' AND customer_id = $1`,
          [customerId],
        )
      ).map((r) => JSON.parse(r.value as string) as unknown);

    it('two answers to one question in one request are refused whole', async () => {
      const invitation = await invite('dup');
      const survey = (await services[0]!.surveys.definitions.get('w', 'nps')) as Survey;
      await assert.rejects(
        services[0]!.surveys.answers.submit(
          invitation,
          survey,
          {
            answers: [
              { question: 'recommend', value: 2 },
              { question: 'recommend', value: 10 },
            ],
          },
          NOW,
        ),
        (error: unknown) =>
          error instanceof InputError &&
          error.issues[0]!.path === 'answers.1.question' &&
          error.issues[0]!.code === 'duplicate_question',
      );
      assert.deepEqual(await answerOf('dup'), []);
      assert.deepEqual(await feedbackOf('dup'), []);
    });

    it('eleven concurrent different answers: one wins, ten get 409, the feedback is the stored answer', async () => {
      const invitation = await invite('race');
      const survey = (await services[0]!.surveys.definitions.get('w', 'nps')) as Survey;
      const outcomes = await Promise.allSettled(
        Array.from({ length: 11 }, (_, score) =>
          services[score % services.length]!.surveys.answers.submit(
            invitation,
            survey,
            {
              answers: [
                { question: 'recommend', value: score },
                { question: 'why', value: `because ${score}` },
              ],
            },
            NOW,
          ),
        ),
      );
      const won = outcomes.flatMap((o, score) => (o.status === 'fulfilled' ? [score] : []));
      const refused = outcomes.filter(
        (o) => o.status === 'rejected' && surveyErrorCode(o.reason) === 'already_answered',
      );
      assert.equal(
        won.length,
        1,
        JSON.stringify(outcomes.map((o) => (o.status === 'rejected' ? String(o.reason) : 'ok'))),
      );
      assert.equal(refused.length, 10);
      const winner = won[0]!;
      // Nothing of a refused request is stored: the text answer is the winner's too.
      assert.deepEqual((await answerOf('race')).sort(), [winner, `because ${winner}`].sort());
      await services[0]!.events.drain();
      assert.deepEqual(await feedbackOf('race'), [winner]);
      // The winner, repeated, is a duplicate; a later different answer is the same 409.
      const again = await services[0]!.surveys.answers.submit(
        invitation,
        survey,
        { answers: [{ question: 'recommend', value: winner }] },
        NOW,
      );
      assert.equal(again.duplicates, 1);
      await assert.rejects(
        services[0]!.surveys.answers.submit(
          invitation,
          survey,
          { answers: [{ question: 'recommend', value: (winner + 1) % 11 }] },
          NOW,
        ),
        (e: unknown) => surveyErrorCode(e) === 'already_answered',
      );
    });
  });
}

suite('survey answers under concurrency on DuckDB', async () => {
  const tmp = tempDir('cxloop-answers-');
  const store = await DuckDbStore.open(tmp.db, MIGRATIONS);
  return {
    stores: [store],
    async close() {
      await store.close();
      tmp.cleanup();
    },
  };
});

let pg: PgServer | undefined;
suite('survey answers under concurrency on PostgreSQL, from three processes', async () => {
  pg = await startPgServer();
  const url = await pg.createDatabase();
  const stores = [
    await PostgresStore.open(url, MIGRATIONS),
    await PostgresStore.open(url, MIGRATIONS),
    await PostgresStore.open(url, MIGRATIONS),
  ];
  return {
    stores,
    async close() {
      for (const store of stores) await store.close();
      await pg?.stop();
    },
  };
});
