import { z } from 'zod';
import { DEFAULT_CONFIDENCE } from '../../core/answers/intents.ts';

/** A workspace's answers settings, as `answers apply` and PUT /v1/answers take them. */
export const answersSettings = z.strictObject({
  /** Where hand-offs are emailed (the shop's support inbox); without it the widget offers none. */
  supportEmail: z.email().max(254).nullable().default(null),
  /** Days after delivery a customer may send an order back. */
  returnWindowDays: z.number().int().min(1).max(365).default(30),
  /** Below this posterior the question is searched in the articles instead (0.5-0.95). */
  confidence: z.number().min(0.3).max(0.99).default(DEFAULT_CONFIDENCE),
});
export type AnswersSettings = z.infer<typeof answersSettings>;
export const DEFAULT_SETTINGS: AnswersSettings = answersSettings.parse({});

/** Example phrasings per intent: `{ order_status: ["where is my order", ...], none: [...] }`. */
export const intentPhrasings = z
  .record(z.string().regex(/^[a-z_]{2,40}$/), z.array(z.string().min(1).max(300)).min(3).max(500))
  .refine((r) => Object.keys(r).length >= 2, 'give phrasings of at least two intents');
export type IntentPhrasings = z.infer<typeof intentPhrasings>;
