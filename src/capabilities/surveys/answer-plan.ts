import { InputError, type FieldIssue } from '../../core/issues.ts';
import { checkAnswer, sameAnswer, type AnswerValue } from '../../core/surveys/answers.ts';
import { isAsked, nextQuestion } from '../../core/surveys/branching.ts';
import type { Question } from '../../core/surveys/questions.ts';
import { findQuestion, type Survey } from '../../core/surveys/schema.ts';
import { surveyError } from './errors.ts';

/** The answers stored so far (null = skipped), in question order. */
export type StoredAnswers = Map<string, AnswerValue | null>;

export function splitAnswers(stored: StoredAnswers) {
  const answered = new Map<string, AnswerValue>();
  const skipped = new Set<string>();
  for (const [id, value] of stored) {
    if (value === null) skipped.add(id);
    else answered.set(id, value);
  }
  return { answered, skipped };
}

/** What one submission would store, checked against what is stored already. */
export interface AnswerPlan {
  /** New answers to store (null = skipped), in submission order. */
  fresh: [string, AnswerValue | null][];
  /** Answers that repeat a stored one with the same value. */
  duplicates: number;
  answered: Map<string, AnswerValue>;
  next: Question | null;
}

/**
 * Checks a submission whole (every problem listed, nothing to store if any) against the stored
 * answers: the same answer again is a harmless duplicate, a different one for an answered
 * question is refused. Shared by the grouped path and the one-at-a-time path, so both refuse alike.
 */
export function planAnswers(
  survey: Survey,
  answers: { question: string; value: unknown }[],
  stored: StoredAnswers,
): AnswerPlan {
  const { answered, skipped } = splitAnswers(stored);
  const issues: FieldIssue[] = [];
  const fresh: [string, AnswerValue | null][] = [];
  let duplicates = 0;
  const seen = new Set<string>();
  answers.forEach(({ question: id, value }, i) => {
    const question = findQuestion(survey, id);
    const path = `answers.${i}.value`;
    // Two answers to one question in one request once stored the first and counted the
    // second in NPS: which one is meant cannot be known, so the request is refused whole.
    if (seen.has(id)) {
      issues.push({
        path: `answers.${i}.question`,
        code: 'duplicate_question',
        message: `"${id}" is answered twice in this request`,
      });
      return;
    }
    seen.add(id);
    if (!question) {
      issues.push({
        path: `answers.${i}.question`,
        code: 'unknown_question',
        message: `no question "${id}"`,
      });
      return;
    }
    if (!isAsked(question, answered)) {
      issues.push({
        path: `answers.${i}.question`,
        code: 'not_asked',
        message: `"${id}" is not asked after the answers given`,
      });
      return;
    }
    let checked: AnswerValue | null = null;
    if (value === null) {
      if (question.required)
        issues.push({ path, code: 'required', message: 'this question cannot be skipped' });
    } else {
      const result = checkAnswer(question, value, path);
      if (!result.ok) return void issues.push(result.issue);
      checked = result.value;
    }
    if (stored.has(id)) {
      const before = stored.get(id)!;
      if (before === null ? checked === null : checked !== null && sameAnswer(before, checked)) duplicates++;
      else throw surveyError('already_answered', `"${id}" is already answered; answers cannot be changed`);
      return;
    }
    if (checked === null) skipped.add(id);
    else answered.set(id, checked);
    fresh.push([id, checked]);
  });
  if (issues.length) throw new InputError(issues);
  return { fresh, duplicates, answered, next: nextQuestion(survey, answered, skipped) };
}
