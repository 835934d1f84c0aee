import type { AnswerValue } from '../../core/surveys/answers.ts';
import type { SqlStatement, SqlValue } from '../../platform/store/port.ts';
import type { Invitation, Moment } from './invitation-rows.ts';
import { insertRows } from './sql.ts';

/** One new answer of a submission, with the invitation it answers. */
export interface FreshAnswer {
  invitation: Invitation;
  surveyId: string;
  question: string;
  value: AnswerValue | null;
  at: number;
}

const stored = (value: AnswerValue | null) => (value === null ? null : JSON.stringify(value));

/**
 * The new answers of many submissions as few statements (one row each), returning the keys that
 * were inserted: a concurrent identical answer stored first is then a duplicate, not an error.
 */
export function insertAnswers(answers: FreshAnswer[]): SqlStatement[] {
  return insertRows(
    'INSERT INTO survey_answers',
    'ON CONFLICT DO NOTHING RETURNING invitation_id, question_id',
    answers.map((a) => [
      a.invitation.workspaceId,
      a.invitation.id,
      a.question,
      a.surveyId,
      a.invitation.customerId,
      stored(a.value),
      a.invitation.channel,
      new Date(a.at),
    ]),
  );
}

/**
 * Fails the transaction when a key already holds another value (a different answer stored since
 * the submissions were checked, by another process): re-inserting the stored row breaks the
 * primary key, so the first answer wins and nothing of the group is stored. One statement for
 * the whole group; the caller then retries each submission alone to find the one refused.
 */
export function guardAnswers(answers: FreshAnswer[]): SqlStatement[] {
  if (answers.length === 0) return [];
  const params: SqlValue[] = [];
  const tuples = answers.map((a) => {
    params.push(a.invitation.workspaceId, a.invitation.id, a.question, stored(a.value));
    const n = params.length;
    return `(CAST($${n - 3} AS VARCHAR), CAST($${n - 2} AS VARCHAR), CAST($${n - 1} AS VARCHAR), CAST($${n} AS VARCHAR))`;
  });
  return [
    {
      sql: `INSERT INTO survey_answers
            SELECT a.* FROM survey_answers a
            JOIN (VALUES ${tuples.join(', ')}) AS v(workspace_id, invitation_id, question_id, value)
              ON a.workspace_id = v.workspace_id AND a.invitation_id = v.invitation_id
             AND a.question_id = v.question_id
            WHERE CAST(a.value AS VARCHAR) IS DISTINCT FROM v.value`,
      params,
    },
  ];
}

const MOMENTS: Moment[] = ['opened_at', 'started_at', 'completed_at'];

/**
 * Marks many invitations opened / started / completed (each moment only the first time) in one
 * statement. `marks` holds, per invitation, when each moment happened, or nothing to leave it be.
 */
export function markInvitations(
  marks: { invitation: Invitation; moments: Map<Moment, number> }[],
): SqlStatement[] {
  if (marks.length === 0) return [];
  const params: SqlValue[] = [];
  const tuples = marks.map(({ invitation, moments }) => {
    params.push(invitation.workspaceId, invitation.id);
    const cells = [`CAST($${params.length - 1} AS VARCHAR)`, `CAST($${params.length} AS VARCHAR)`];
    for (const moment of MOMENTS) {
      const at = moments.get(moment);
      params.push(at === undefined ? null : new Date(at));
      cells.push(`CAST($${params.length} AS TIMESTAMP)`);
    }
    return `(${cells.join(', ')})`;
  });
  return [
    {
      sql: `UPDATE survey_invitations AS i
            SET ${MOMENTS.map((m) => `${m} = coalesce(i.${m}, v.${m})`).join(', ')}
            FROM (VALUES ${tuples.join(', ')}) AS v(workspace_id, id, ${MOMENTS.join(', ')})
            WHERE i.workspace_id = v.workspace_id AND i.id = v.id`,
      params,
    },
  ];
}
