import { isChoice, isScored, scaleOf } from '../../../core/surveys/questions.ts';
import type { Survey } from '../../../core/surveys/schema.ts';
import { localize } from '../../../core/surveys/text.ts';
import { scaleEnds } from './scale.ts';

/** A survey in one language, as the browser SDK renders it: texts resolved, branching kept. */
export function localizedSurvey(survey: Survey, chain: string[]) {
  return {
    id: survey.id,
    name: survey.name,
    language: chain.find((l) => survey.languages.includes(l)) ?? survey.languages[0]!,
    thankYou: survey.thankYou ? localize(survey.thankYou, chain) : 'Thank you!',
    questions: survey.questions.map((q) => ({
      id: q.id,
      kind: q.kind,
      text: localize(q.text, chain),
      required: q.required,
      ...(q.showIf ? { showIf: q.showIf } : {}),
      ...(isScored(q) ? { scale: scaleOf(q), ends: scaleEnds(q, chain) } : {}),
      ...(isChoice(q)
        ? { options: q.options.map((o) => ({ id: o.id, label: localize(o.label, chain) })) }
        : {}),
      ...(q.kind === 'text' ? { maxLength: q.maxLength } : {}),
    })),
  };
}
