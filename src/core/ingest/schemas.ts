import { z } from 'zod';
import { LIMITS } from './limits.ts';

const short = z.string().min(1).max(LIMITS.shortString);
const jsonObject = z
  .custom<Record<string, unknown>>(
    (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
    'expected an object',
  )
  .meta({ type: 'object', additionalProperties: {} });
/** ISO-8601 with a time zone, e.g. 2025-03-01T12:00:00Z or 2025-03-01T12:00:00.123+02:00. */
export const isoTimestamp = z.iso.datetime({ offset: true });

export const METRICS = ['nps', 'csat', 'ces', 'rating'] as const;
export type Metric = (typeof METRICS)[number];

/** The scales each metric uses unless the item says otherwise. `rating` has none: it must say. */
export const DEFAULT_SCALES: Record<Exclude<Metric, 'rating'>, Scale> = {
  nps: { min: 0, max: 10 },
  csat: { min: 1, max: 5 },
  ces: { min: 1, max: 7 },
};

export const scaleSchema = z
  .strictObject({ min: z.number().int().min(-100), max: z.number().int().max(1000) })
  .refine((s) => s.max > s.min, { message: 'max must be greater than min', path: ['max'] });
export type Scale = z.infer<typeof scaleSchema>;

/** The canonical event, as POST /v1/events and `cxloop import --kind events` take it. */
export const eventInput = z
  .strictObject({
    id: short.optional(),
    customerId: short.optional(),
    anonymousId: short.optional(),
    name: short,
    touchpoint: short.optional(),
    timestamp: isoTimestamp,
    properties: jsonObject.optional(),
  })
  .refine((e) => e.customerId !== undefined || e.anonymousId !== undefined, {
    message: 'customerId or anonymousId is required',
    path: ['customerId'],
  });
export type EventInput = z.infer<typeof eventInput>;

/** The canonical feedback response, as POST /v1/feedback and `cxloop import --kind feedback` take it. */
export const feedbackInput = z
  .strictObject({
    id: short.optional(),
    customerId: short,
    touchpoint: short,
    metric: z.enum(METRICS),
    score: z.number(),
    scale: scaleSchema.optional(),
    comment: z.string().max(LIMITS.longString).optional(),
    timestamp: isoTimestamp,
    source: short.optional(),
  })
  .superRefine((f, ctx) => {
    if (f.metric === 'nps' && f.scale && (f.scale.min !== 0 || f.scale.max !== 10)) {
      ctx.addIssue({ code: 'custom', path: ['scale'], message: 'NPS is always on the 0-10 scale' });
      return;
    }
    const scale = f.scale ?? (f.metric === 'rating' ? undefined : DEFAULT_SCALES[f.metric]);
    if (!scale) {
      ctx.addIssue({
        code: 'custom',
        path: ['scale'],
        message: 'a rating needs its scale, e.g. {"min": 1, "max": 10}',
      });
      return;
    }
    if (!Number.isInteger(f.score) || f.score < scale.min || f.score > scale.max) {
      ctx.addIssue({
        code: 'custom',
        path: ['score'],
        message: `${f.metric} score must be a whole number from ${scale.min} to ${scale.max}`,
      });
    }
  });
export type FeedbackInput = z.infer<typeof feedbackInput>;

export const identifyInput = z.strictObject({
  customerId: short,
  anonymousId: short.optional(),
  traits: jsonObject.optional(),
  timestamp: isoTimestamp.optional(),
});
export type IdentifyInput = z.infer<typeof identifyInput>;
