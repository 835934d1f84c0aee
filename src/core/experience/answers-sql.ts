/**
 * The definition of answers.ts in SQL, for DuckDB and PostgreSQL alike. Same arithmetic in the same
 * order as the TypeScript predicates; tests/experience-parity.test.ts holds them to it.
 */
import { METRICS, type Metric } from '../ingest/schemas.ts';
import { CES_SCALE, GOOD, type BadThresholds, DEFAULT_BAD } from './answers.ts';
import { sqlNumber, sqlText, type AnswerColumns } from './sql.ts';

/** Per metric, "this answer is bad" as a boolean expression. */
function badByMetric(c: AnswerColumns, t: BadThresholds): Record<Metric, string> {
  const cesSpan = CES_SCALE.max - CES_SCALE.min;
  return {
    nps: `${c.score} <= ${sqlNumber(t.nps)}`,
    csat: `${c.score} <= ${c.min} + ${sqlNumber(t.csat - 1)}`,
    ces: `(${c.score} - ${c.min}) * ${cesSpan} <= ${sqlNumber(t.ces - CES_SCALE.min)} * (${c.max} - ${c.min})`,
    rating: `${c.score} <= ${c.min} + ${sqlNumber(t.rating)} * (${c.max} - ${c.min})`,
  };
}

function goodByMetric(c: AnswerColumns): Record<Metric, string> {
  return {
    nps: `${c.score} >= ${sqlNumber(GOOD.npsAtLeast)}`,
    csat: `${c.score} >= ${c.max} - ${sqlNumber(GOOD.csatTopBoxes - 1)}`,
    ces: `2 * ${c.score} > ${c.min} + ${c.max}`,
    rating: `${c.score} >= ${c.min} + ${sqlNumber(1 - GOOD.ratingTopShare)} * (${c.max} - ${c.min})`,
  };
}

/** A CASE over the metric column; an unknown metric is NULL (neither bad nor good). */
function byMetric(c: AnswerColumns, parts: Record<Metric, string>): string {
  const whens = Object.entries(parts).map(([metric, sql]) => `WHEN ${sqlText(metric)} THEN ${sql}`);
  return `(CASE ${c.metric} ${whens.join(' ')} END)`;
}

/** "This answer is bad" (isBadAnswer). */
export function badAnswerSql(c: AnswerColumns, t: BadThresholds = DEFAULT_BAD): string {
  return byMetric(c, badByMetric(c, t));
}

/** "This answer is good" (isGoodAnswer). */
export function goodAnswerSql(c: AnswerColumns): string {
  return byMetric(c, goodByMetric(c));
}

/** 'bad', 'neutral' or 'good' (experienceOf): bad wins where overridden thresholds overlap. */
export function experienceSql(c: AnswerColumns, t: BadThresholds = DEFAULT_BAD): string {
  return `(CASE WHEN ${badAnswerSql(c, t)} THEN 'bad' WHEN ${goodAnswerSql(c)} THEN 'good' WHEN ${c.metric} IN (${METRICS.map(sqlText).join(', ')}) THEN 'neutral' END)`;
}
