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
 * Written for DuckDB (epoch_ms, arg_max, FILTER, MATERIALIZED); PostgreSQL needs extract(epoch),
 * DISTINCT ON for arg_max, and array_agg in place of the STRUCT of lists.
 */
import type { Failure } from '../core/journey/schema.ts';
import { BITS_PER_WORD, wordsFor } from '../core/cross-impact/profiles.ts';
import type { BadThresholds, OutcomeSpec } from '../core/cross-impact/signals.ts';
import type { SqlValue } from '../store/port.ts';
import { SqlParams } from './sql-params.ts';

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
 * The single result row: `profiles` ({o0.., b0.., n} lists, one entry per distinct profile) and
 * `effects` ({idx, good, base0, hit0, ...} lists, one entry per touchpoint and experience).
 */
export interface SignalSql {
  sql: string;
  params: SqlValue[];
  words: number;
}

const SLUG = /^[a-z0-9][a-z0-9_-]*$/;

/**
 * "Failure `f` matches the event": its name, and each where-value compared as JSON text. Property
 * values are extracted once per distinct key (`keys` maps a key to its column), since the JSON
 * extraction is the costly part of reading events.
 */
function failureCondition(failure: Failure, params: SqlParams, keys: Map<string, string>): string {
  const parts = [`name = ${params.add(failure.event)}`];
  for (const [key, value] of Object.entries(failure.where ?? {})) {
    if (!keys.has(key)) keys.set(key, `p${keys.size}`);
    parts.push(`${keys.get(key)} = ${params.add(String(value))}`);
  }
  return `(${parts.join(' AND ')})`;
}

/** A JSON pointer, so that keys with dots or a leading '$' are taken literally. */
const pointer = (key: string) => '/' + key.replace(/~/g, '~0').replace(/\//g, '~1');

/** Feedback and failure-event signals as (customer, touchpoint index, time, bad). */
function signalRows(q: SignalQuery, params: SqlParams): string {
  const t = q.thresholds;
  const bad = `CASE f.metric WHEN 'nps' THEN f.score <= ${params.add(t.nps)}
      WHEN 'csat' THEN f.score <= ${params.add(t.csat)} WHEN 'ces' THEN f.score <= ${params.add(t.ces)}
      ELSE f.score <= f.scale_min + ${params.add(t.rating)} * (f.scale_max - f.scale_min) END`;
  const feedback = `
    SELECT f.customer_id AS c, tp.idx, f.ts, (${bad}) AS bad
    FROM feedback f JOIN tp ON tp.id = f.touchpoint
    WHERE f.workspace_id = $1 AND f.ts >= $2 AND f.ts < $3`;

  const known = new Set(q.touchpoints);
  const failures = q.failures.filter((f) => known.has(f.touchpoint));
  if (failures.length === 0) return feedback;
  const failureTps = [...new Set(failures.map((f) => f.touchpoint))];
  const keys = new Map<string, string>();
  const flags = failures.map((f, k) => `${failureCondition(f, params, keys)} AS f${k}`).join(', ');
  const extracted = [...keys].map(
    ([key, column]) => `e.properties->>${params.add(pointer(key))} AS ${column}`,
  );
  const placed = failures.map((f, k) => `WHEN f${k} THEN '${f.touchpoint}'`).join(' ');
  const anyFailure = failures.map((_, k) => `f${k}`).join(' OR ');
  const events = `
    SELECT ev.c, tp.idx, ev.ts, ev.bad FROM (
      SELECT c, ts, CASE ${placed} ELSE touchpoint END AS tpid, (${anyFailure}) AS bad FROM (
        SELECT c, ts, touchpoint, ${flags} FROM (
          SELECT e.resolved_customer_id AS c, e.ts, e.touchpoint, e.name${extracted.map((x) => `, ${x}`).join('')}
          FROM events_resolved e
          WHERE e.workspace_id = $1 AND e.ts >= $2 AND e.ts < $3 AND e.resolved_customer_id IS NOT NULL
            AND (${params.in('e.touchpoint', failureTps)} OR ${params.in('e.name', [...new Set(failures.map((f) => f.event))])})))
    ) ev JOIN tp ON tp.id = ev.tpid
    -- an event is a signal only at a touchpoint with declared failures
    WHERE ev.bad OR ${params.in('ev.tpid', failureTps)}`;
  return `${feedback}\n    UNION ALL${events}`;
}

/**
 * One row per customer with the times (epoch ms) outcomes are judged against: first and last purchase
 * and the churn, over all history before `followUntil` ("had bought before" looks back past the
 * window); per feedback outcome the latest response, its touchpoint and whether it is positive.
 */
function customerOutcomes(q: SignalQuery, params: SqlParams): string | null {
  const parts: string[] = [];
  const columns: string[] = [];
  if (q.outcomes.some((o) => o.kind !== 'feedback')) {
    const purchase = params.in('e.name', q.purchaseEvents);
    parts.push(`
      SELECT e.resolved_customer_id AS c, epoch_ms(e.ts) AS t, CASE WHEN ${purchase} THEN -1 ELSE -2 END AS k,
        NULL::INTEGER AS idx, NULL::INTEGER AS positive
      FROM events_resolved e
      WHERE e.workspace_id = $1 AND e.ts < $4 AND e.resolved_customer_id IS NOT NULL
        AND (${purchase} OR ${params.in('e.name', q.churnEvents)})`);
    columns.push(
      'min(t) FILTER (WHERE k = -1) AS first_purchase',
      'max(t) FILTER (WHERE k = -1) AS last_purchase',
      'min(t) FILTER (WHERE k = -2) AS churned_at',
    );
  }
  q.outcomes.forEach((o, k) => {
    if (o.kind !== 'feedback') return;
    const where = o.touchpoint === null ? '' : ` AND f.touchpoint = ${params.add(o.touchpoint)}`;
    const positive = o.positiveAtLeast === null ? 'f.scale_max' : params.add(o.positiveAtLeast);
    parts.push(`
      SELECT f.customer_id AS c, epoch_ms(f.ts) AS t, ${k} AS k, coalesce(tp.idx, -1) AS idx,
        CASE WHEN f.score >= ${positive} THEN 1 ELSE 0 END AS positive
      FROM feedback f LEFT JOIN tp ON tp.id = f.touchpoint
      WHERE f.workspace_id = $1 AND f.ts >= $2 AND f.ts < $4 AND f.metric = ${params.add(o.metric)}${where}`);
    // The latest response wins: the customer's opinion after everything before it.
    columns.push(
      `max(t) FILTER (WHERE k = ${k}) AS at${k}`,
      `arg_max(idx, t) FILTER (WHERE k = ${k}) AS tp${k}`,
      `arg_max(positive, t) FILTER (WHERE k = ${k}) AS positive${k}`,
    );
  });
  if (parts.length === 0) return null;
  return `SELECT c, ${columns.join(', ')} FROM (${parts.join('\n      UNION ALL')}\n    ) GROUP BY c`;
}

/** Per outcome: when the first experience (time `t`) counts as measured, and when as a hit. */
function outcomeConditions(outcome: OutcomeSpec, k: number): { base: string; hit: string } {
  if (outcome.kind === 'repeat-purchase') {
    const base = 'u.first_purchase <= f.t';
    return { base, hit: `${base} AND u.last_purchase > f.t` };
  }
  if (outcome.kind === 'churn') return { base: 'TRUE', hit: 'u.churned_at > f.t' };
  // A response at the touchpoint itself is its signal, not an outcome of it.
  const base = `u.at${k} >= f.t AND u.tp${k} <> f.idx`;
  return { base, hit: `${base} AND u.positive${k} = 1` };
}

export function signalProfilesSql(q: SignalQuery): SignalSql {
  for (const id of q.touchpoints) if (!SLUG.test(id)) throw new RangeError(`not a touchpoint id: ${id}`);
  const W = wordsFor(q.touchpoints.length);
  const params = new SqlParams([q.workspaceId, q.from, q.to, q.followUntil]);
  const ctes = [
    `tp(id, idx) AS (VALUES ${q.touchpoints.map((id, i) => `('${id}', ${i})`).join(', ')})`,
    `obs AS (${signalRows(q, params)})`,
    // The customer-touchpoint grouping is the costly step of the query: one pass, two minima.
    `firsts AS MATERIALIZED (
    SELECT c, idx, min(epoch_ms(ts)) AS t0, min(CASE WHEN bad THEN epoch_ms(ts) END) AS tb
    FROM obs GROUP BY c, idx)`,
  ];
  const episode = params.add(Math.round(q.episodeDays * 86_400_000));
  const first = `(SELECT c, idx, CASE WHEN tb <= t0 + ${episode} THEN tb ELSE t0 END AS t,
      CASE WHEN tb <= t0 + ${episode} THEN 0 ELSE 1 END AS good FROM firsts)`;

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
  const bit = `(1 << (f.idx % ${BITS_PER_WORD}))::INTEGER`;
  const inWord = (w: number) => (W === 1 ? '' : ` AND f.idx // ${BITS_PER_WORD} = ${w}`);
  const masks = words.flatMap((w) => [
    `bit_or(CASE WHEN TRUE${inWord(w)} THEN ${bit} ELSE 0 END) AS o${w}`,
    `bit_or(CASE WHEN f.good = 0${inWord(w)} THEN ${bit} ELSE 0 END) AS b${w}`,
  ]);
  ctes.push(`masks AS (SELECT ${masks.join(', ')} FROM ${first} f GROUP BY f.c)`);
  const names = words.flatMap((w) => [`o${w}`, `b${w}`]);
  ctes.push(
    `grouped AS (SELECT ${names.join(', ')}, count(*)::INTEGER AS n FROM masks GROUP BY ${names.map((_, i) => i + 1).join(', ')})`,
  );
  const struct = (cols: string[], from: string) =>
    `(SELECT {${cols.map((c) => `'${c}': array_agg(${c})`).join(', ')}} FROM ${from})`;
  const effectCols = ['idx', 'good', 'n', ...q.outcomes.flatMap((_, k) => [`base${k}`, `hit${k}`])].map(
    (c) => `${c}::DOUBLE AS ${c}`,
  );
  return {
    sql: `WITH ${ctes.join(',\n')}
SELECT ${struct([...names, 'n'], 'grouped')} AS profiles,
  ${struct(
    effectCols.map((c) => c.split(' AS ')[1]!),
    `(SELECT ${effectCols.join(', ')} FROM effects)`,
  )} AS effects`,
    params: params.values,
    words: W,
  };
}
