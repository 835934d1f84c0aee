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

/**
 * Why `key` cannot name a property in a `where` condition, or null. A key names a top-level
 * property (as the ingest-time matcher reads it), and the reports compare it with `->>`, where
 * DuckDB reads a key starting with `$` or `/` as a JSON path or pointer, `*` as a wildcard and a
 * backslash or quote as path syntax: `{"$bad[": "x"}` was saved and then every report answered
 * 500 until the map changed. Those characters are refused when the map is saved.
 */
export function propertyKeyProblem(key: string): string | null {
  if (key.length === 0) return 'a property name cannot be empty';
  if (key.startsWith('$') || key.startsWith('/'))
    return 'a property name, not a JSON path: it cannot start with "$" or "/"';
  // eslint-disable-next-line no-control-regex
  if (/[*\\"\x00-\x1f\x7f]/.test(key))
    return 'a property name cannot hold "*", "\\", a double quote or a control character';
  return null;
}

/** Property conditions: every listed property (top level) must equal the given value. */
const where = z
  .record(z.string().max(200), z.union([z.string().max(500), z.number(), z.boolean()]))
  .superRefine((conditions, ctx) => {
    for (const key of Object.keys(conditions)) {
      const problem = propertyKeyProblem(key);
      if (problem) ctx.addIssue({ code: 'custom', path: [key], message: problem });
    }
  });

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
