/**
 * The one query behind the cross-impact matrix. It returns two small things: every customer's
 * experiences as bit masks, with identical profiles merged (the pair counting in
 * core/cross-impact/profiles.ts then touches one row per distinct profile, not one per customer and
 * touchpoint), and the outcome counts per touchpoint and experience, summed in the database.
 *
 * A signal is a feedback response at a touchpoint (bad when its score is at or below the metric's
 * threshold) or, at touchpoints the journey map declares failures for, an event there (bad when it
 * is a declared failure: a late delivery, a failed payment).
 *
 * A customer's experience at a touchpoint is their FIRST EPISODE there in the window: the first signal
 * and every signal within `episodeDays` of it (a delivery and its CSAT two days later, a payment and
 * its decline a minute later); bad when any of them is bad. Outcomes are looked for after the
 * episode's first bad signal, or after its first signal when it was good. Judging instead by "any bad
 * signal in the window" biases every outcome effect: a customer who buys again has more deliveries
 * and so more chances of a late one, so the "never late" group is emptied of repeat buyers (on the
 * demo data it halved the planted effect of late delivery on repeat purchase).
 *
 * The SQL is shared by DuckDB and PostgreSQL (times as extract(epoch) milliseconds, the latest response
 * by an ordered array_agg, words and bits without integer division), like the analytics queries.
 */
import { propertyKeyProblem, type Failure } from '../../../core/journey/schema.ts';
import { BITS_PER_WORD, wordsFor } from '../../../core/cross-impact/profiles.ts';
import type { BadThresholds } from '../../../core/experience/answers.ts';
import { badAnswerSql } from '../../../core/experience/answers-sql.ts';
import type { OutcomeSpec } from '../../../core/experience/outcomes.ts';
import {
  churnAfterSql,
  positiveAnswerSql,
  repeatPurchaseSql,
} from '../../../core/experience/outcomes-sql.ts';
import { feedbackColumns } from '../../../core/experience/sql.ts';
import type { SqlValue } from '../../../platform/store/port.ts';
import { inList, SqlParams } from '../../../platform/sql/params.ts';

export interface SignalQuery {
  workspaceId: string;
  from: Date;
  to: Date;
  /** Outcomes are looked for until here. */
  followUntil: Date;
  /** Signals within this many days of a customer's first one at a touchpoint are the same experience. */
  episodeDays: number;
  /** Touchpoint ids in bit order. */
  touchpoints: readonly string[];
  failures: readonly Failure[];
  thresholds: BadThresholds;
  outcomes: readonly OutcomeSpec[];
  purchaseEvents: readonly string[];
  churnEvents: readonly string[];
}

/**
 * Two result rows of lists: kind 'profiles' (o0.., b0.., s: the failures met, n: one entry per distinct profile) and
 * kind 'effects' (idx, good, n, base0, hit0, ...: one entry per touchpoint and experience). Lists
 * travel far faster out of the engine than a million rows would.
 */
export interface SignalSql {
  sql: string;
  params: SqlValue[];
  words: number;
  profileColumns: string[];
  effectColumns: string[];
}

/** A bound number typed as such: PostgreSQL would otherwise infer the type from the other operand. */
const num = (params: SqlParams, value: number) => `CAST(${params.add(value)} AS DOUBLE PRECISION)`;

/** Epoch milliseconds of a timestamp as a whole number, on both engines. */
const ms = (ts: string) => `round(extract(epoch FROM ${ts}) * 1000)`;

/**
 * The latest response per customer, with its touchpoint and whether it is positive, as one max():
 * time * 2048 + (touchpoint index + 1) * 2 + positive. Epoch milliseconds times 2048 stay below
 * 2^53, so the packing is exact in a double; an ordered array_agg would say the same on both
 * engines but was measured ten times slower on DuckDB.
 */
const PACK = 2048;

const SLUG = /^[a-z0-9][a-z0-9_-]*$/;

/**
 * "Failure `f` matches the event": its name, and each where-value compared as the text `->>` gives
 * on both engines. Property values are extracted once per distinct key (`keys` maps a key to its
 * column), since the JSON extraction is the costly part of reading events.
 */
function failureCondition(failure: Failure, params: SqlParams, keys: Map<string, string>): string {
  // A map saved before keys were checked may hold one `->>` cannot read: it matches nothing
  // (checked before any parameter is bound or key extracted).
  if (Object.keys(failure.where ?? {}).some((key) => propertyKeyProblem(key) !== null)) return '(FALSE)';
  const parts = [`name = ${params.add(failure.event)}`];
  for (const [key, value] of Object.entries(failure.where ?? {})) {
    if (!keys.has(key)) keys.set(key, `p${keys.size}`);
    parts.push(`${keys.get(key)} = ${params.text(String(value))}`);
  }
  return `(${parts.join(' AND ')})`;
}

/** Feedback and failure-event signals as (customer, touchpoint index, time, bad). */
function signalRows(q: SignalQuery, params: SqlParams): string {
  const bad = badAnswerSql(feedbackColumns('f'), q.thresholds);
  const feedback = `
    SELECT f.customer_id AS c, tp.idx, f.ts, (${bad}) AS bad, 0 AS fm
    FROM feedback f JOIN tp ON tp.id = f.touchpoint
    WHERE f.workspace_id = $1 AND f.ts >= $2 AND f.ts < $3`;

  const known = new Set(q.touchpoints);
  const failures = q.failures.filter((f) => known.has(f.touchpoint));
  if (failures.length === 0) return feedback;
  const failureTps = [...new Set(failures.map((f) => f.touchpoint))];
  const keys = new Map<string, string>();
  const flags = failures.map((f, k) => `${failureCondition(f, params, keys)} AS f${k}`).join(', ');
  // parenthesised: DuckDB binds `->>` looser than `=`
  const extracted = [...keys].map(([key, column]) => `(e.properties ->> ${params.text(key)}) AS ${column}`);
  const placed = failures.map((f, k) => `WHEN f${k} THEN '${f.touchpoint}'`).join(' ');
  const anyFailure = failures.map((_, k) => `f${k}`).join(' OR ');
  // Which declared failures the event carries, one bit each (the first 30): the strata of the
  // adjusted pairs.
  const failureBits = failures
    .slice(0, BITS_PER_WORD)
    .map((_, k) => `CASE WHEN f${k} THEN ${2 ** k} ELSE 0 END`)
    .join(' + ');
  const events = `
    SELECT ev.c, tp.idx, ev.ts, ev.bad, ev.fm FROM (
      SELECT c, ts, CASE ${placed} ELSE touchpoint END AS tpid, (${anyFailure}) AS bad, ${failureBits} AS fm FROM (
        SELECT c, ts, touchpoint, ${flags} FROM (
          SELECT e.resolved_customer_id AS c, e.ts, e.touchpoint, e.name${extracted.map((x) => `, ${x}`).join('')}
          FROM events_resolved e
          WHERE e.workspace_id = $1 AND e.ts >= $2 AND e.ts < $3 AND e.resolved_customer_id IS NOT NULL
            AND (${inList(params, 'e.touchpoint', failureTps)} OR ${inList(params, 'e.name', [...new Set(failures.map((f) => f.event))])})) raw) flagged
    ) ev JOIN tp ON tp.id = ev.tpid
    -- an event is a signal only at a touchpoint with declared failures
    WHERE ev.bad OR ${inList(params, 'ev.tpid', failureTps)}`;
  return `${feedback}\n    UNION ALL${events}`;
}

/**
 * One row per customer with the times (epoch ms) outcomes are judged against: first and last purchase
 * and the last churn, over all history before `followUntil` ("had bought before" looks back past the
 * window); per feedback outcome the latest response, its touchpoint and whether it is positive.
 */
function customerOutcomes(q: SignalQuery, params: SqlParams): string | null {
  if (q.outcomes.length === 0) return null;
  // Bound only when used: DuckDB refuses a parameter that the statement never mentions.
  const until = params.add(q.followUntil);
  const parts: string[] = [];
  const columns: string[] = [];
  const decoded: string[] = [];
  if (q.outcomes.some((o) => o.kind !== 'feedback')) {
    const purchase = inList(params, 'e.name', q.purchaseEvents);
    parts.push(`
      SELECT e.resolved_customer_id AS c, ${ms('e.ts')} AS t, CASE WHEN ${purchase} THEN -1 ELSE -2 END AS k,
        NULL::INTEGER AS idx, NULL::INTEGER AS positive
      FROM events_resolved e
      WHERE e.workspace_id = $1 AND e.ts < ${until} AND e.resolved_customer_id IS NOT NULL
        AND (${purchase} OR ${inList(params, 'e.name', q.churnEvents)})`);
    columns.push(
      'min(t) FILTER (WHERE k = -1) AS first_purchase',
      'max(t) FILTER (WHERE k = -1) AS last_purchase',
      'max(t) FILTER (WHERE k = -2) AS last_churn',
    );
    decoded.push('first_purchase', 'last_purchase', 'last_churn');
  }
  q.outcomes.forEach((o, k) => {
    if (o.kind !== 'feedback') return;
    const where = o.touchpoint === null ? '' : ` AND f.touchpoint = ${params.add(o.touchpoint)}`;
    parts.push(`
      SELECT f.customer_id AS c, ${ms('f.ts')} AS t, ${k} AS k, coalesce(tp.idx, -1) AS idx,
        CASE WHEN ${positiveAnswerSql(o, feedbackColumns('f'))} THEN 1 ELSE 0 END AS positive
      FROM feedback f LEFT JOIN tp ON tp.id = f.touchpoint
      WHERE f.workspace_id = $1 AND f.ts >= $2 AND f.ts < ${until} AND f.metric = ${params.add(o.metric)}${where}`);
    // The latest response wins: the customer's opinion after everything before it.
    columns.push(`max(CASE WHEN k = ${k} THEN t * ${PACK} + (idx + 1) * 2 + positive END) AS key${k}`);
    decoded.push(
      `floor(key${k} / ${PACK}) AS at${k}`,
      `floor((key${k} - ${PACK} * floor(key${k} / ${PACK})) / 2) - 1 AS tp${k}`,
      `key${k} - 2 * floor(key${k} / 2) AS positive${k}`,
    );
  });
  if (parts.length === 0) return null;
  const grouped = `SELECT c, ${columns.join(', ')} FROM (${parts.join('\n      UNION ALL')}\n    ) parts GROUP BY c`;
  return `SELECT c, ${decoded.join(', ')} FROM (${grouped}) packed`;
}

/**
 * Per outcome: when the first experience (time `t`) counts as measured, and when as a hit, as
 * core/experience/outcomes.ts defines them.
 */
function outcomeConditions(outcome: OutcomeSpec, k: number): { base: string; hit: string } {
  const times = {
    firstPurchase: 'u.first_purchase',
    lastPurchase: 'u.last_purchase',
    lastChurn: 'u.last_churn',
  };
  if (outcome.kind === 'repeat-purchase') {
    const { measured, hit } = repeatPurchaseSql(times, 'f.t');
    return { base: measured, hit };
  }
  if (outcome.kind === 'churn') {
    const { measured, hit } = churnAfterSql(times, 'f.t', null);
    return { base: measured, hit };
  }
  // A response at the touchpoint itself is its signal, not an outcome of it.
  const base = `u.at${k} >= f.t AND u.tp${k} <> f.idx`;
  return { base, hit: `${base} AND u.positive${k} = 1` };
}

export function signalProfilesSql(q: SignalQuery): SignalSql {
  for (const id of q.touchpoints) if (!SLUG.test(id)) throw new RangeError(`not a touchpoint id: ${id}`);
  const W = wordsFor(q.touchpoints.length);
  const params = new SqlParams();
  for (const value of [q.workspaceId, q.from, q.to]) params.add(value);
  const ctes = [
    `tp(id, idx) AS (VALUES ${q.touchpoints.map((id, i) => `('${id}', ${i})`).join(', ')})`,
    `obs AS (${signalRows(q, params)})`,
    // The customer-touchpoint grouping is the costly step of the query: one pass, two minima.
    `firsts AS MATERIALIZED (
    SELECT c, idx, min(${ms('ts')}) AS t0, min(CASE WHEN bad THEN ${ms('ts')} END) AS tb, bit_or(fm) AS fm
    FROM obs GROUP BY c, idx)`,
  ];
  const episode = num(params, Math.round(q.episodeDays * 86_400_000));
  const first = `(SELECT c, idx, CASE WHEN tb <= t0 + ${episode} THEN tb ELSE t0 END AS t,
      CASE WHEN tb <= t0 + ${episode} THEN 0 ELSE 1 END AS good, fm FROM firsts)`;

  const outcomes = customerOutcomes(q, params);
  const sums = q.outcomes.flatMap((o, k) => {
    const { base, hit } = outcomeConditions(o, k);
    return [
      `count(*) FILTER (WHERE coalesce(${base}, FALSE)) AS base${k}`,
      `count(*) FILTER (WHERE coalesce(${hit}, FALSE)) AS hit${k}`,
    ];
  });
  if (outcomes) ctes.push(`outcomes AS (${outcomes})`);
  ctes.push(`effects AS (
    SELECT f.idx, f.good, count(*) AS n${sums.length ? ', ' + sums.join(', ') : ''}
    FROM ${first} f ${outcomes ? 'LEFT JOIN outcomes u ON u.c = f.c' : ''}
    GROUP BY 1, 2)`);

  const words = Array.from({ length: W }, (_, w) => w);
  // Word w holds touchpoints 30w .. 30w + 29; no integer division, which the engines spell apart.
  const inWord = (w: number) =>
    W === 1 ? 'TRUE' : `f.idx BETWEEN ${w * BITS_PER_WORD} AND ${w * BITS_PER_WORD + BITS_PER_WORD - 1}`;
  const bit = (w: number) => `(1 << (f.idx - ${w * BITS_PER_WORD}))`;
  const masks = words.flatMap((w) => [
    `bit_or(CASE WHEN ${inWord(w)} THEN ${bit(w)} ELSE 0 END) AS o${w}`,
    `bit_or(CASE WHEN f.good = 0 AND ${inWord(w)} THEN ${bit(w)} ELSE 0 END) AS b${w}`,
  ]);
  // s: the declared failures the customer met anywhere in the window, the stratum of adjusted pairs
  ctes.push(`masks AS (SELECT ${masks.join(', ')}, bit_or(f.fm) AS s FROM ${first} f GROUP BY f.c)`);
  const names = [...words.flatMap((w) => [`o${w}`, `b${w}`]), 's'];
  ctes.push(
    `grouped AS (SELECT ${names.join(', ')}, count(*) AS n FROM masks GROUP BY ${names.map((_, i) => i + 1).join(', ')})`,
  );
  const profileColumns = [...names, 'n'];
  const effectColumns = ['idx', 'good', 'n', ...q.outcomes.flatMap((_, k) => [`base${k}`, `hit${k}`])];
  const width = Math.max(profileColumns.length, effectColumns.length);
  const lists = (columns: string[]) =>
    Array.from({ length: width }, (_, i) =>
      i < columns.length
        ? `array_agg(CAST(${columns[i]} AS DOUBLE PRECISION)) AS l${i}`
        : `CAST(NULL AS DOUBLE PRECISION[]) AS l${i}`,
    ).join(', ');
  return {
    sql: `WITH ${ctes.join(',\n')}
SELECT 'profiles' AS kind, ${lists(profileColumns)} FROM grouped
UNION ALL
SELECT 'effects' AS kind, ${lists(effectColumns)} FROM effects`,
    params: params.values,
    words: W,
    profileColumns,
    effectColumns,
  };
}
