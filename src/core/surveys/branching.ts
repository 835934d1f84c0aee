import type { AnswerValue } from './answers.ts';
import type { Question } from './questions.ts';
import type { Survey } from './schema.ts';

export type Answers = ReadonlyMap<string, AnswerValue>;

/** Whether a question is asked, given the answers so far (see ShowIf). */
export function isAsked(question: Question, answers: Answers): boolean {
  const rule = question.showIf;
  if (!rule) return true;
  const answer = answers.get(rule.question);
  if (answer === undefined) return false;
  if (rule.anyOf) {
    const chosen = Array.isArray(answer) ? answer : [String(answer)];
    if (!chosen.some((c) => rule.anyOf!.includes(c))) return false;
  }
  if (rule.min !== undefined && !(typeof answer === 'number' && answer >= rule.min)) return false;
  if (rule.max !== undefined && !(typeof answer === 'number' && answer <= rule.max)) return false;
  return true;
}

/**
 * The next question to show: the first asked question neither answered nor skipped. Null when
 * the respondent is done. Questions are answered in order, so skipped ones are passed over.
 */
export function nextQuestion(survey: Survey, answers: Answers, skipped: ReadonlySet<string> = new Set()) {
  return (
    survey.questions.find((q) => isAsked(q, answers) && !answers.has(q.id) && !skipped.has(q.id)) ?? null
  );
}

/** Position of a question among those asked so far, and how many are asked in all, for "2 of 3". */
export function progress(
  survey: Survey,
  answers: Answers,
  question: Question,
): { index: number; total: number } {
  const asked = survey.questions.filter((q) => isAsked(q, answers) || q.id === question.id);
  return { index: asked.findIndex((q) => q.id === question.id) + 1, total: asked.length };
}
