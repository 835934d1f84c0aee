import type { FieldIssue } from '../issues.ts';
import { isChoice, isScored, scaleOf, type Question } from './questions.ts';

/** What is stored for one answer: a score, one option id, several option ids, or text. */
export type AnswerValue = number | string | string[];

export type AnswerCheck = { ok: true; value: AnswerValue } | { ok: false; issue: FieldIssue };

const fail = (path: string, code: string, message: string): AnswerCheck => ({
  ok: false,
  issue: { path, code, message },
});

/**
 * Checks one answer against its question and returns the value to store. Scores must be whole
 * numbers on the question's scale; choices must name existing options; text is kept as text
 * (never interpreted as markup) and bounded in length. Form posts send scores as strings, so a
 * numeric string is accepted for a score.
 */
export function checkAnswer(question: Question, raw: unknown, path = 'value'): AnswerCheck {
  if (isScored(question)) {
    const score = typeof raw === 'string' && /^-?\d+$/.test(raw.trim()) ? Number(raw) : raw;
    const scale = scaleOf(question);
    if (typeof score !== 'number' || !Number.isInteger(score) || score < scale.min || score > scale.max)
      return fail(
        path,
        'out_of_scale',
        `${question.kind} answers are whole numbers from ${scale.min} to ${scale.max}`,
      );
    return { ok: true, value: score };
  }
  if (isChoice(question)) {
    const ids = new Set(question.options.map((o) => o.id));
    const chosen = typeof raw === 'string' ? [raw] : raw;
    if (!Array.isArray(chosen) || chosen.length === 0 || !chosen.every((c) => typeof c === 'string'))
      return fail(path, 'invalid_choice', 'choose one of the options by its id');
    const unknown = chosen.find((c) => !ids.has(c));
    if (unknown !== undefined)
      return fail(path, 'invalid_choice', `"${String(unknown).slice(0, 64)}" is not an option`);
    const unique = [...new Set(chosen as string[])];
    if (question.kind === 'single') {
      if (unique.length !== 1) return fail(path, 'invalid_choice', 'choose exactly one option');
      return { ok: true, value: unique[0]! };
    }
    if (question.maxChoices !== undefined && unique.length > question.maxChoices)
      return fail(path, 'too_many_choices', `choose at most ${question.maxChoices} options`);
    // Option order in the definition, so equal answers compare equal however they were sent.
    return { ok: true, value: question.options.map((o) => o.id).filter((id) => unique.includes(id)) };
  }
  if (typeof raw !== 'string') return fail(path, 'invalid_type', 'a text answer is a string');
  const text = raw.replace(/\r\n/g, '\n').trim();
  if (text.length === 0) return fail(path, 'empty_answer', 'the answer is empty');
  if (text.length > question.maxLength)
    return fail(path, 'too_long', `at most ${question.maxLength} characters`);
  return { ok: true, value: text };
}

/** Answers compare by value: a second submission of the same answer is a harmless repeat. */
export function sameAnswer(a: AnswerValue, b: AnswerValue): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
