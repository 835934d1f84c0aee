import type { Question } from '../../../core/surveys/questions.ts';
import { isScored, scaleOf } from '../../../core/surveys/questions.ts';
import { localize } from '../../../core/surveys/text.ts';

/** What one click can answer: each score of a scale, or each option of a single choice. */
export function oneClickChoices(
  question: Question,
  chain: string[],
): { value: string; label: string }[] | null {
  if (isScored(question)) {
    const { min, max } = scaleOf(question);
    if (max - min > 10) return null; // more than 11 buttons do not fit an email line
    return Array.from({ length: max - min + 1 }, (_, i) => ({
      value: String(min + i),
      label: String(min + i),
    }));
  }
  if (question.kind === 'single')
    return question.options.map((o) => ({ value: o.id, label: localize(o.label, chain) }));
  return null;
}

/** The words under the two ends of a scale, defaulting per metric. */
export function scaleEnds(question: Question, chain: string[]): [string, string] | null {
  if (!isScored(question)) return null;
  const defaults: Record<string, [string, string]> = {
    nps: ['Not at all likely', 'Extremely likely'],
    csat: ['Very unsatisfied', 'Very satisfied'],
    ces: ['Very difficult', 'Very easy'],
    rating: ['', ''],
  };
  const [low, high] = defaults[question.kind]!;
  return [
    question.lowLabel ? localize(question.lowLabel, chain) : low,
    question.highLabel ? localize(question.highLabel, chain) : high,
  ];
}
