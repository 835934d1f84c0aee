import type { AnswerValue } from '../../core/surveys/answers.ts';
import { surveyResults, type RespondentRow, type SurveyResults } from '../../core/surveys/results.ts';
import type { Survey } from '../../core/surveys/schema.ts';
import type { Store } from '../../platform/store/port.ts';
import { bool, list, nullable, row, text } from '../../platform/store/rows.ts';

const respondentRow = row({
  status: text,
  opened: bool,
  completed: bool,
  questions: nullable(list(text)),
  answer_values: nullable(list(text)),
});

/** Per-survey results: the invitation funnel, the share the policy skipped, and drop-off per question. */
export async function resultsOf(store: Store, workspaceId: string, survey: Survey): Promise<SurveyResults> {
  const rows = await store.readRows(
    respondentRow,
    `SELECT i.status, i.opened_at IS NOT NULL AS opened, i.completed_at IS NOT NULL AS completed,
            list(a.question_id ORDER BY a.question_id) FILTER (WHERE a.question_id IS NOT NULL) AS questions,
            list(coalesce(a.value::VARCHAR, 'null') ORDER BY a.question_id) FILTER (WHERE a.question_id IS NOT NULL) AS answer_values
     FROM survey_invitations i
     LEFT JOIN survey_answers a ON a.workspace_id = i.workspace_id AND a.invitation_id = i.id
     WHERE i.workspace_id = $1 AND i.survey_id = $2
     GROUP BY i.workspace_id, i.id, i.status, i.opened_at, i.completed_at`,
    [workspaceId, survey.id],
  );
  const respondents = rows.map((r): RespondentRow => {
    const questions = r.questions ?? [];
    const values = r.answer_values ?? [];
    return {
      status: r.status,
      opened: r.opened,
      completed: r.completed,
      answers: new Map(questions.map((q, i) => [q, JSON.parse(values[i]!) as AnswerValue | null])),
    };
  });
  return surveyResults(survey, respondents);
}
