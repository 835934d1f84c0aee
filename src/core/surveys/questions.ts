import { z } from 'zod';
import { DEFAULT_SCALES, type Metric, type Scale } from '../ingest/schemas.ts';
import { localizedText } from './text.ts';

const slug = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'use lower-case letters, digits, "-" and "_"');
export { slug as surveySlug };

/**
 * Simple branching: the question is asked only when an earlier answer fits. `min`/`max` test a
 * score (inclusive), `anyOf` tests the option(s) chosen in a choice question.
 */
export const showIfSchema = z
  .strictObject({
    question: slug,
    min: z.number().optional(),
    max: z.number().optional(),
    anyOf: z.array(slug).min(1).max(50).optional(),
  })
  .refine((s) => s.min !== undefined || s.max !== undefined || s.anyOf !== undefined, {
    message: 'give min, max or anyOf',
  });
export type ShowIf = z.infer<typeof showIfSchema>;

const base = {
  id: slug,
  text: localizedText,
  /** A required question cannot be skipped on the hosted page. */
  required: z.boolean().default(false),
  showIf: showIfSchema.optional(),
};
const scaleLabels = { lowLabel: localizedText.optional(), highLabel: localizedText.optional() };
const option = z.strictObject({ id: slug, label: localizedText });

export const questionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ ...base, ...scaleLabels, kind: z.literal('nps') }),
  z.strictObject({ ...base, ...scaleLabels, kind: z.literal('csat') }),
  z.strictObject({ ...base, ...scaleLabels, kind: z.literal('ces') }),
  z.strictObject({
    ...base,
    ...scaleLabels,
    kind: z.literal('rating'),
    scale: z
      .strictObject({ min: z.number().int().min(-100), max: z.number().int().max(1000) })
      .refine((s) => s.max > s.min && s.max - s.min <= 100, 'max must be above min, at most 100 steps'),
  }),
  z.strictObject({ ...base, kind: z.literal('single'), options: z.array(option).min(2).max(30) }),
  z.strictObject({
    ...base,
    kind: z.literal('multiple'),
    options: z.array(option).min(2).max(30),
    maxChoices: z.number().int().min(1).optional(),
  }),
  z.strictObject({
    ...base,
    kind: z.literal('text'),
    maxLength: z.number().int().min(1).max(8000).default(2000),
    placeholder: localizedText.optional(),
  }),
]);
export type Question = z.infer<typeof questionSchema>;
export type QuestionKind = Question['kind'];
export type ScoredQuestion = Extract<Question, { kind: Metric }>;
export type ChoiceQuestion = Extract<Question, { kind: 'single' | 'multiple' }>;

export function isScored(question: Question): question is ScoredQuestion {
  return (
    question.kind === 'nps' ||
    question.kind === 'csat' ||
    question.kind === 'ces' ||
    question.kind === 'rating'
  );
}

export function isChoice(question: Question): question is ChoiceQuestion {
  return question.kind === 'single' || question.kind === 'multiple';
}

/** The scale a scored question is answered on: the metric's standard one, or a rating's own. */
export function scaleOf(question: ScoredQuestion): Scale {
  return question.kind === 'rating' ? question.scale : DEFAULT_SCALES[question.kind];
}
