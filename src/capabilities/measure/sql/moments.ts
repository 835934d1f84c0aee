import { badAnswerSql } from '../../../core/experience/answers-sql.ts';
import { feedbackColumns } from '../../../core/experience/sql.ts';
import type { Failure } from '../../../core/journey/schema.ts';
import type { SqlParams } from '../../../platform/sql/params.ts';
import { failurePredicate } from './failures.ts';

/**
 * The moments that assess a customer's experience at a touchpoint, as rows (person, touchpoint, ts,
 * bad, failure: the failure's id, NULL for an answer): every answer there (bad as core/experience defines it) and every event that could
 * carry one of the journey map's failures there (bad when it does: a late delivery; good when it
 * does not: a delivery on time). A customer had a bad experience at a touchpoint in a window when
 * one of their moments there is bad. The pain points and the touchpoint page both count from
 * these rows, so they cannot disagree.
 */

/** Answers in `feedback f` under `where` (a condition on `f`). */
export function answerMoments(where: string): string {
  return `SELECT f.customer_id AS person, f.touchpoint, f.ts, ${badAnswerSql(feedbackColumns('f'))} AS bad,
      CAST(NULL AS VARCHAR) AS failure
    FROM feedback f WHERE ${where}`;
}

/**
 * Failure events, from a relation `events` with columns (person, name, ts, properties) that the
 * caller has already limited to its workspace, window and identified customers.
 */
export function failureMoments(params: SqlParams, failures: readonly Failure[], events: string): string {
  if (failures.length === 0) {
    return `SELECT person, CAST(NULL AS VARCHAR) AS touchpoint, ts, TRUE AS bad, CAST(NULL AS VARCHAR) AS failure FROM ${events} WHERE FALSE`;
  }
  return failures
    .map(
      (failure) =>
        `SELECT person, ${params.text(failure.touchpoint)} AS touchpoint, ts, coalesce(${failurePredicate(params, failure)}, FALSE) AS bad,
      ${params.text(failure.id)} AS failure
    FROM ${events} e WHERE e.name = ${params.text(failure.event)}`,
    )
    .join('\n  UNION ALL ');
}
