/**
 * How a wide survey export (one row per respondent, one column per question) maps onto the journey:
 * which column is the respondent, which columns rate which touchpoint on which scale (and which code
 * means "not applicable"), which column is the outcome, which operational columns become events
 * (a departure delay as `Flight Departed` with `late: true` past 15 minutes), and which profile
 * columns become traits. Written as YAML next to the export; validated here.
 */
import { z } from 'zod';
import { METRICS, scaleSchema } from '../ingest/schemas.ts';

const column = z.string().min(1).max(200);
const slug = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'use lower-case letters, digits, "-" and "_"');

const ratingSchema = z.strictObject({
  column,
  touchpoint: slug,
  metric: z.enum(METRICS).default('csat'),
  /** Required for `rating`; the metric's own scale otherwise. */
  scale: scaleSchema.optional(),
  /** Cell values meaning "not applicable" (e.g. 0 on a 1-5 scale): no response is stored. */
  notApplicable: z.array(z.union([z.number(), z.string()])).default([]),
  /**
   * Text answers and the score each stands for, e.g. {Yes: 1, No: 0} or {satisfied: 1, "neutral or
   * dissatisfied": 0}. Without it a 0-1 scale also reads yes/no, true/false and y/n.
   */
  values: z.record(z.string(), z.number()).optional(),
  /** A column with the free-text answer that goes with this rating, stored verbatim as its comment. */
  comment: column.optional(),
});

const outcomeSchema = ratingSchema;

/** A trait is a column (numbers stay numbers) or a column declared text, kept exactly as written. */
const traitSchema = z.union([
  column,
  z.strictObject({ column, type: z.enum(['text', 'number']).default('text') }),
]);

const eventSchema = z.strictObject({
  column,
  /** The event name the journey map knows (its rules place it at a touchpoint). */
  name: z.string().min(1).max(200),
  touchpoint: slug.optional(),
  /** The property that carries the cell's number, e.g. delayMinutes. */
  property: z.string().min(1).max(100),
  /** A boolean property set from the number, e.g. {name: late, above: 15}. */
  flag: z.strictObject({ name: z.string().min(1).max(100), above: z.number() }).optional(),
});

export const surveyMappingSchema = z
  .strictObject({
    respondent: z.strictObject({
      /** Column with the respondent's id; the customer id is `idPrefix` + its value. */
      id: column,
      idPrefix: z.string().max(50).default(''),
      /** When the answers were given: a fixed ISO-8601 instant, or a column holding one per row. */
      timestamp: z.union([z.iso.datetime({ offset: true }), z.strictObject({ column })]).optional(),
    }),
    /** Stored as each response's `source`, and part of every stored id (so a re-import stores nothing twice). */
    source: slug.default('survey'),
    ratings: z.array(ratingSchema).min(1),
    outcome: outcomeSchema.optional(),
    events: z.array(eventSchema).default([]),
    /** Trait name -> column (numbers stay numbers) or {column, type: text} (kept as written, e.g. "02134"). */
    traits: z.record(z.string().min(1).max(100), traitSchema).default({}),
  })
  .superRefine((m, ctx) => {
    [...m.ratings, ...(m.outcome ? [m.outcome] : [])].forEach((r, i) => {
      if (r.metric === 'rating' && !r.scale) {
        ctx.addIssue({
          code: 'custom',
          path: i < m.ratings.length ? ['ratings', i, 'scale'] : ['outcome', 'scale'],
          message: 'a rating needs its scale, e.g. {min: 1, max: 5}',
        });
      }
    });
    const seen = new Set<string>();
    m.ratings.forEach((r, i) => {
      if (seen.has(r.touchpoint)) {
        ctx.addIssue({
          code: 'custom',
          path: ['ratings', i, 'touchpoint'],
          message: `touchpoint "${r.touchpoint}" is rated by two columns; one response per touchpoint and respondent`,
        });
      }
      seen.add(r.touchpoint);
    });
  });

export type SurveyMapping = z.infer<typeof surveyMappingSchema>;
export type SurveyMappingInput = z.input<typeof surveyMappingSchema>;

/** Every column the mapping reads, for checking a file's header before reading its rows. */
export function mappedColumns(m: SurveyMapping): string[] {
  const ts = m.respondent.timestamp;
  return [
    ...new Set([
      m.respondent.id,
      ...(ts && typeof ts === 'object' ? [ts.column] : []),
      ...m.ratings.flatMap((r) => [r.column, ...(r.comment ? [r.comment] : [])]),
      ...(m.outcome ? [m.outcome.column] : []),
      ...m.events.map((e) => e.column),
      ...Object.values(m.traits).map((t) => (typeof t === 'string' ? t : t.column)),
    ]),
  ];
}
