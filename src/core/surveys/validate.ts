import { zodIssues, type FieldIssue } from '../issues.ts';
import { validSurveySchema, type Survey } from './schema.ts';

export type SurveyResult = { ok: true; survey: Survey } | { ok: false; issues: FieldIssue[] };

/** Validates a survey definition and checks that its touchpoints are in the workspace's journey map. */
export function parseSurvey(input: unknown, touchpoints: { has(id: string): boolean }): SurveyResult {
  const parsed = validSurveySchema.safeParse(input);
  if (!parsed.success) return { ok: false, issues: zodIssues(parsed.error) };
  const survey = parsed.data;
  const issues: FieldIssue[] = [];
  const unknown = (path: string, id: string) =>
    issues.push({
      path,
      code: 'unknown_touchpoint',
      message: `touchpoint "${id}" is not in the journey map`,
    });
  if (!touchpoints.has(survey.touchpoint)) unknown('touchpoint', survey.touchpoint);
  survey.triggers.forEach((t, i) => {
    if (t.touchpoint !== undefined && !touchpoints.has(t.touchpoint))
      unknown(`triggers.${i}.touchpoint`, t.touchpoint);
  });
  return issues.length ? { ok: false, issues } : { ok: true, survey };
}
