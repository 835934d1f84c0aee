import { z } from 'zod';

/** The three phases every stage belongs to: the journey does not end at the purchase. */
export const PHASES = ['pre-purchase', 'purchase', 'post-purchase'] as const;
export type Phase = (typeof PHASES)[number];

export const CHANNELS = [
  'web',
  'email',
  'app',
  'store',
  'phone',
  'chat',
  'social',
  'ads',
  'search',
  'carrier',
  'sms',
  'word-of-mouth',
  'other',
] as const;

const slug = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'use lower-case letters, digits, "-" and "_"');

/** Property conditions: every listed property must equal the given value. */
const where = z.record(z.string().max(200), z.union([z.string().max(500), z.number(), z.boolean()]));

export const touchpointSchema = z.strictObject({
  id: slug,
  name: z.string().min(1).max(200),
  channel: z.enum(CHANNELS),
  owner: z.string().max(200).optional(),
  /** Event names that map to this touchpoint (a shorthand for rules without conditions). */
  events: z.array(z.string().min(1).max(200)).optional(),
});

export const stageSchema = z.strictObject({
  id: slug,
  name: z.string().min(1).max(200),
  phase: z.enum(PHASES),
  touchpoints: z.array(touchpointSchema),
});

/** Maps an event to a touchpoint; the first matching rule wins, then touchpoint `events` lists. */
export const ruleSchema = z.strictObject({
  event: z.string().min(1).max(200),
  where: where.optional(),
  touchpoint: slug,
});

/** An operational failure (late delivery, failed payment ...) that counts as a bad experience. */
export const failureSchema = z.strictObject({
  id: slug,
  event: z.string().min(1).max(200),
  where: where.optional(),
  touchpoint: slug,
  label: z.string().max(200).optional(),
});

/** The outcomes the journey leads to, named by the events that mark them. */
export const outcomesSchema = z.strictObject({
  purchase: z.array(z.string().min(1).max(200)).default([]),
  churn: z.array(z.string().min(1).max(200)).default([]),
});

export const journeyMapSchema = z.strictObject({
  name: z.string().min(1).max(200).default('Customer journey'),
  stages: z.array(stageSchema),
  rules: z.array(ruleSchema).default([]),
  failures: z.array(failureSchema).default([]),
  outcomes: outcomesSchema.default({ purchase: [], churn: [] }),
});

export type Touchpoint = z.infer<typeof touchpointSchema>;
export type Stage = z.infer<typeof stageSchema>;
export type Rule = z.infer<typeof ruleSchema>;
export type Failure = z.infer<typeof failureSchema>;
export type JourneyMap = z.infer<typeof journeyMapSchema>;
export type JourneyMapInput = z.input<typeof journeyMapSchema>;
