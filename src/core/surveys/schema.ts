import { z } from 'zod';
import { conditionsSchema } from './conditions.ts';
import { durationSchema } from './duration.ts';
import { isChoice, isScored, questionSchema, surveySlug, type Question } from './questions.ts';
import { languageTag, localizedText, type LocalizedText } from './text.ts';

export const CHANNELS = ['email', 'web'] as const;
export type TriggerChannel = (typeof CHANNELS)[number];

/**
 * When to invite: an event (by name, by touchpoint, or both), conditions on the event's
 * properties and on the customer's traits, a delay after the event, a sampling rate, and how
 * long the invitation stays valid after it falls due.
 */
export const triggerSchema = z
  .strictObject({
    id: surveySlug,
    event: z.string().min(1).max(200).optional(),
    touchpoint: surveySlug.optional(),
    where: conditionsSchema.optional(),
    traits: conditionsSchema.optional(),
    delay: durationSchema.default(0),
    sample: z.number().min(0).max(1).default(1),
    expiresAfter: durationSchema.default(7 * 86_400_000),
    channel: z.enum(CHANNELS).default('email'),
  })
  .refine((t) => t.event !== undefined || t.touchpoint !== undefined, {
    message: 'a trigger needs an event or a touchpoint',
    path: ['event'],
  });
export type Trigger = z.infer<typeof triggerSchema>;

export const surveySchema = z.strictObject({
  id: surveySlug,
  name: z.string().min(1).max(200),
  /** Every scored answer becomes feedback at this touchpoint, so it feeds the touchpoint's scores. */
  touchpoint: surveySlug,
  /** Languages offered, the first being the fallback for any text missing in another. */
  languages: z.array(languageTag).min(1).max(20).default(['en']),
  active: z.boolean().default(true),
  questions: z.array(questionSchema).min(1).max(30),
  triggers: z.array(triggerSchema).max(20).default([]),
  email: z.strictObject({ subject: localizedText, intro: localizedText.optional() }).optional(),
  thankYou: localizedText.optional(),
});
export type Survey = z.infer<typeof surveySchema>;
export type SurveyInput = z.input<typeof surveySchema>;

export const defaultLanguage = (survey: Survey) => survey.languages[0]!;

export function findQuestion(survey: Survey, id: string): Question | undefined {
  return survey.questions.find((q) => q.id === id);
}

/** Every localised text of a question, for the default-language check. */
function questionTexts(q: Question): [string, LocalizedText][] {
  const texts: [string, LocalizedText][] = [['text', q.text]];
  if ('lowLabel' in q && q.lowLabel) texts.push(['lowLabel', q.lowLabel]);
  if ('highLabel' in q && q.highLabel) texts.push(['highLabel', q.highLabel]);
  if (q.kind === 'text' && q.placeholder) texts.push(['placeholder', q.placeholder]);
  if (isChoice(q)) q.options.forEach((o, i) => texts.push([`options.${i}.label`, o.label]));
  return texts;
}

/**
 * Rules zod cannot see field by field: unique ids, branching that points back to an earlier
 * question of the right kind, option ids that exist, and text present in the default language.
 */
export function surveyIssues(survey: Survey, ctx: z.RefinementCtx): void {
  const issue = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  const fallback = defaultLanguage(survey);
  const checkText = (path: PropertyKey[], text: LocalizedText) => {
    if (typeof text !== 'string' && text[fallback] === undefined)
      issue(path, `missing the default language "${fallback}"`);
  };
  const seen = new Map<string, Question>();
  survey.questions.forEach((q, i) => {
    if (seen.has(q.id)) issue(['questions', i, 'id'], `question id "${q.id}" is used twice`);
    for (const [path, text] of questionTexts(q)) checkText(['questions', i, ...path.split('.')], text);
    if (isChoice(q) && new Set(q.options.map((o) => o.id)).size !== q.options.length)
      issue(['questions', i, 'options'], 'option ids must be unique');
    if (q.showIf) {
      const target = seen.get(q.showIf.question);
      const at = ['questions', i, 'showIf', 'question'];
      if (!target) issue(at, `"${q.showIf.question}" is not an earlier question`);
      else if (q.showIf.anyOf && !isChoice(target)) issue(at, `anyOf needs a choice question`);
      else if ((q.showIf.min ?? q.showIf.max) !== undefined && !isScored(target))
        issue(at, 'min/max need a scored question (nps, csat, ces, rating)');
      else if (q.showIf.anyOf && isChoice(target)) {
        const ids = new Set(target.options.map((o) => o.id));
        q.showIf.anyOf.forEach((id, k) => {
          if (!ids.has(id)) issue(['questions', i, 'showIf', 'anyOf', k], `no option "${id}"`);
        });
      }
    }
    seen.set(q.id, q);
  });
  const triggers = new Set<string>();
  survey.triggers.forEach((t, i) => {
    if (triggers.has(t.id)) issue(['triggers', i, 'id'], `trigger id "${t.id}" is used twice`);
    triggers.add(t.id);
  });
  if (survey.email) {
    checkText(['email', 'subject'], survey.email.subject);
    if (survey.email.intro) checkText(['email', 'intro'], survey.email.intro);
  }
  if (survey.thankYou) checkText(['thankYou'], survey.thankYou);
}

export const validSurveySchema = surveySchema.superRefine(surveyIssues);
