import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  DEFAULT_BAD,
  experienceOf,
  isBadAnswer,
  isGoodAnswer,
  type BadThresholds,
} from '../src/core/experience/answers.ts';
import { badAnswerSql, experienceSql, goodAnswerSql } from '../src/core/experience/answers-sql.ts';
import {
  churnAfter,
  droppedOff,
  isPositiveAnswer,
  isSupportContact,
  parseOutcomeSpec,
  purchaseAfter,
  repeatPurchase,
  type CustomerTimes,
  type OutcomeSpec,
} from '../src/core/experience/outcomes.ts';
import {
  churnAfterSql,
  droppedOffSql,
  positiveAnswerSql,
  purchaseAfterSql,
  repeatPurchaseSql,
  supportContactSql,
} from '../src/core/experience/outcomes-sql.ts';
import { METRICS, type Metric, type Scale } from '../src/core/ingest/schemas.ts';
import { openStore } from '../src/platform/store/open.ts';
import type { Store } from '../src/platform/store/port.ts';
import { tempDir } from './helpers.ts';
import { startPgServer, type PgServer } from './pg-server.ts';
import { MIGRATIONS } from '../src/capabilities/migrations.ts';

/**
 * The one definition of experience (src/core/experience) says the same in TypeScript and in SQL:
 * every answer of every scale below, under the default and overridden thresholds, and every
 * combination of a customer's times around an experience, evaluated by a real DuckDB file and a
 * real PostgreSQL, must give what the TypeScript predicates give.
 */

const SCALES: Record<Metric, Scale[]> = {
  nps: [{ min: 0, max: 10 }],
  csat: [
    { min: 1, max: 5 },
    { min: 1, max: 7 },
    { min: 0, max: 10 },
    { min: 1, max: 10 },
    { min: 1, max: 3 },
  ],
  ces: [
    { min: 1, max: 7 },
    { min: 1, max: 5 },
    { min: 1, max: 10 },
    { min: 0, max: 10 },
  ],
  rating: [
    { min: 1, max: 5 },
    { min: 1, max: 10 },
    { min: 0, max: 4 },
    { min: 0, max: 1 },
    { min: 0, max: 5 },
    { min: 1, max: 7 },
    { min: -2, max: 2 },
    { min: 0, max: 100 },
  ],
};

const THRESHOLDS: BadThresholds[] = [
  DEFAULT_BAD,
  { nps: 5, csat: 1, ces: 2, rating: 0.3 },
  { nps: 7, csat: 3, ces: 4.5, rating: 0.5 },
  { nps: 0, csat: 0, ces: 1, rating: 0 },
  { nps: 10, csat: 5, ces: 7, rating: 1 },
  { nps: 6.5, csat: 2.5, ces: 3.3, rating: 0.35 },
];

interface Answer {
  metric: Metric;
  score: number;
  scale: Scale;
}

const ANSWERS: Answer[] = METRICS.flatMap((metric) =>
  SCALES[metric].flatMap((scale) =>
    Array.from({ length: scale.max - scale.min + 1 }, (_, i) => ({ metric, score: scale.min + i, scale })),
  ),
);

/** The answers as a table `a` with the feedback table's column types. */
function answersTable(): string {
  const rows = ANSWERS.map(
    (a, i) =>
      `(${i}, '${a.metric}', CAST(${a.score} AS DOUBLE PRECISION), CAST(${a.scale.min} AS INTEGER), CAST(${a.scale.max} AS INTEGER))`,
  );
  return `a(i, metric, score, scale_min, scale_max) AS (VALUES ${rows.join(', ')})`;
}

const COLUMNS = { metric: 'a.metric', score: 'a.score', min: 'a.scale_min', max: 'a.scale_max' };

const bool = (value: unknown) => value === true || value === 1 || value === 't';

async function answerParity(store: Store) {
  let compared = 0;
  for (const t of THRESHOLDS) {
    const rows = await store.read(
      `WITH ${answersTable()}
       SELECT i, ${badAnswerSql(COLUMNS, t)} AS bad, ${goodAnswerSql(COLUMNS)} AS good,
              ${experienceSql(COLUMNS, t)} AS experience
       FROM a ORDER BY i`,
      [],
    );
    assert.equal(rows.length, ANSWERS.length);
    for (const row of rows) {
      const a = ANSWERS[Number(row.i)]!;
      const what = `${a.metric} ${a.score} on ${a.scale.min}-${a.scale.max} with ${JSON.stringify(t)}`;
      assert.equal(bool(row.bad), isBadAnswer(t, a.metric, a.score, a.scale), `bad: ${what}`);
      assert.equal(bool(row.good), isGoodAnswer(a.metric, a.score, a.scale), `good: ${what}`);
      assert.equal(row.experience, experienceOf(t, a.metric, a.score, a.scale), `experience: ${what}`);
      compared++;
    }
  }
  return compared;
}

/** Feedback outcomes: every answer against the default good rule and an explicit `>=VALUE`. */
async function positiveParity(store: Store) {
  const specs = ['nps', 'csat@delivery', 'ces', 'rating', 'rating@trip>=1', 'csat>=3.5'].map(
    (text) => parseOutcomeSpec(text) as Extract<OutcomeSpec, { kind: 'feedback' }>,
  );
  let compared = 0;
  for (const spec of specs) {
    const rows = await store.read(
      `WITH ${answersTable()} SELECT i, ${positiveAnswerSql(spec, COLUMNS)} AS positive FROM a WHERE a.metric = '${spec.metric}' ORDER BY i`,
      [],
    );
    assert.ok(rows.length > 0);
    for (const row of rows) {
      const a = ANSWERS[Number(row.i)]!;
      assert.equal(bool(row.positive), isPositiveAnswer(spec, a.score, a.scale), `${spec.id}: ${a.score}`);
      compared++;
    }
  }
  return compared;
}

/** A customer's times around an experience at T: none, before, at and after it. */
const T = 20;
const TIMES = [null, 10, T, 30];
const INACTIVE_BEFORE = [null, 15, 25];

interface Case {
  times: CustomerTimes;
  inactiveBefore: number | null;
}

const CASES: Case[] = TIMES.flatMap((firstPurchase) =>
  TIMES.flatMap((lastPurchase) =>
    TIMES.flatMap((lastChurn) =>
      TIMES.flatMap((lastActivity) =>
        INACTIVE_BEFORE.map((inactiveBefore) => ({
          times: { firstPurchase, lastPurchase, lastChurn, lastActivity },
          inactiveBefore,
        })),
      ),
    ),
  ),
);

const literal = (x: number | null, type: string) =>
  x === null ? `CAST(NULL AS ${type})` : `CAST(${x} AS ${type})`;

async function outcomeParity(store: Store) {
  const rows = CASES.map(
    (c, i) =>
      `(${i}, ${literal(c.times.firstPurchase, 'BIGINT')}, ${literal(c.times.lastPurchase, 'BIGINT')}, ` +
      `${literal(c.times.lastChurn, 'BIGINT')}, ${literal(c.times.lastActivity, 'BIGINT')}, ${literal(c.inactiveBefore, 'BIGINT')})`,
  );
  const cols = { firstPurchase: 'u.fp', lastPurchase: 'u.lp', lastChurn: 'u.lc' };
  const churnBy = churnAfterSql(cols, 't', { lastActivity: 'u.la', before: 'u.ib' });
  const result = await store.read(
    `WITH u(i, fp, lp, lc, la, ib) AS (VALUES ${rows.join(', ')})
     SELECT i, ${purchaseAfterSql(cols, 't').hit} AS purchase,
       ${repeatPurchaseSql(cols, 't').measured} AS repeat_measured, ${repeatPurchaseSql(cols, 't').hit} AS repeat_hit,
       CASE WHEN u.ib IS NULL THEN ${churnAfterSql(cols, 't', null).hit} ELSE ${churnBy.hit} END AS churn,
       ${droppedOffSql('u.la', 't')} AS dropped
     FROM u, (SELECT CAST(${T} AS BIGINT) AS t) anchor ORDER BY i`,
    [],
  );
  assert.equal(result.length, CASES.length);
  for (const row of result) {
    const c = CASES[Number(row.i)]!;
    const what = JSON.stringify(c);
    assert.equal(bool(row.purchase), purchaseAfter(c.times, T).hit, `purchase after: ${what}`);
    const repeat = repeatPurchase(c.times, T);
    assert.equal(bool(row.repeat_measured), repeat.measured, `repeat measured: ${what}`);
    assert.equal(bool(row.repeat_hit), repeat.hit, `repeat: ${what}`);
    assert.equal(bool(row.churn), churnAfter(c.times, T, c.inactiveBefore).hit, `churn: ${what}`);
    assert.equal(bool(row.dropped), droppedOff(c.times.lastActivity, T), `dropped: ${what}`);
  }
  return result.length;
}

/** Support contacts around an experience at noon, in timestamps as the tables hold them. */
async function supportParity(store: Store) {
  const at = Date.parse('2025-03-10T12:00:00Z');
  const HOUR = 3_600_000;
  const offsets = [-1, 0, 1, 24, 14 * 24 - 1, 14 * 24, 14 * 24 + 1, 30 * 24].map((h) => h * HOUR);
  const stamp = (ms: number) =>
    `CAST('${new Date(ms).toISOString().replace('T', ' ').replace('Z', '')}' AS TIMESTAMP)`;
  let compared = 0;
  for (const days of [14, 1.5]) {
    const rows = offsets.map((o, i) => `(${i}, ${stamp(at + o)})`);
    const result = await store.read(
      `WITH s(i, ts) AS (VALUES ${rows.join(', ')})
       SELECT i, ${supportContactSql('s.ts', stamp(at), days)} AS contact FROM s ORDER BY i`,
      [],
    );
    for (const row of result) {
      const contact = at + offsets[Number(row.i)]!;
      assert.equal(
        bool(row.contact),
        isSupportContact(contact, at, days),
        `${days} days, +${contact - at} ms`,
      );
      compared++;
    }
  }
  return compared;
}

async function allParity(store: Store) {
  const answers = await answerParity(store);
  assert.equal(answers, ANSWERS.length * THRESHOLDS.length);
  assert.ok((await positiveParity(store)) > 100);
  assert.equal(await outcomeParity(store), CASES.length);
  assert.equal(await supportParity(store), 16);
}

describe('one definition of experience: SQL equals TypeScript', () => {
  test('the grid covers bad, neutral and good answers of every metric', () => {
    for (const metric of METRICS) {
      const seen = new Set(
        ANSWERS.filter((a) => a.metric === metric).map((a) =>
          experienceOf(DEFAULT_BAD, a.metric, a.score, a.scale),
        ),
      );
      assert.deepEqual([...seen].sort(), ['bad', 'good', 'neutral'], metric);
    }
  });

  test('on a DuckDB file', async () => {
    const tmp = tempDir('cxloop-experience-');
    const store = await openStore(join(tmp.dir, 'experience.duckdb'), MIGRATIONS);
    try {
      await allParity(store);
    } finally {
      await store.close();
      tmp.cleanup();
    }
  });

  describe('on PostgreSQL', () => {
    let server: PgServer;
    let store: Store;
    before(async () => {
      server = await startPgServer();
      store = await openStore(await server.createDatabase(), MIGRATIONS);
    });
    after(async () => {
      await store?.close();
      await server?.stop();
    });
    test('the same answers and outcomes', async () => {
      await allParity(store);
    });
  });
});
