import { z } from 'zod';
import { conditionsSchema } from '../surveys/conditions.ts';
import { durationSchema } from '../surveys/duration.ts';
import { languageTag } from '../surveys/text.ts';

const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'lower-case letters, digits, - and _, at most 64 characters');
const eventName = z.string().min(1).max(200);

/**
 * Conditions on what a run knows, keyed by dotted path: `event.<property>` (the trigger event's
 * properties), `traits.<name>`, `stage` (the customer's current journey stage) and
 * `recent.<metric>` / `recent.experience` (the latest answer of the last 90 days and whether it
 * was good, neutral or bad, by core/experience). Written in YAML as
 * `{ event.total: { gte: 50 }, recent.experience: good }`.
 */
export const whenSchema = conditionsSchema;

const next = id.optional();

/** Every step has an id and, unless it ends the run, the step that follows (the next one listed when absent). */
const base = { id, next };

export const stepSchema = z.discriminatedUnion('type', [
  z.strictObject({ ...base, type: z.literal('wait'), duration: durationSchema }),
  z.strictObject({
    ...base,
    type: z.literal('wait_until'),
    /** The event that ends the wait (then `next`); `match` names properties that must equal the trigger event's. */
    event: eventName.optional(),
    match: z.array(z.string().min(1).max(100)).max(5).default([]),
    /** Or a condition that must hold when checked (on each wake). */
    when: whenSchema.optional(),
    /** Give up after this long ... */
    timeout: durationSchema.optional(),
    /** ... or when the instant in this property of the trigger event has passed (`promisedDate`). */
    deadline: z.string().min(1).max(100).optional(),
    /** Where the run goes when the wait times out (the run ends when absent). */
    onTimeout: id.optional(),
  }),
  z.strictObject({ ...base, type: z.literal('branch'), when: whenSchema, else: id.optional() }),
  z.strictObject({ ...base, type: z.literal('email'), template: id }),
  z.strictObject({
    ...base,
    type: z.literal('webhook'),
    url: z.url({ protocol: /^https?$/ }),
    /** The endpoint's Standard Webhooks secret (`whsec_...`). */
    secret: z.string().regex(/^whsec_[A-Za-z0-9+/=]+$/, 'a Standard Webhooks secret: whsec_ and base64'),
  }),
  z.strictObject({ ...base, type: z.literal('survey'), survey: z.string().min(1).max(64) }),
  z.strictObject({
    ...base,
    type: z.literal('set_trait'),
    trait: z.string().min(1).max(100),
    value: z.union([z.string().max(500), z.number(), z.boolean(), z.null()]),
  }),
  z.strictObject({ ...base, type: z.literal('start_workflow'), workflow: id }),
  z.strictObject({ id, type: z.literal('exit') }),
]);
export type Step = z.infer<typeof stepSchema>;
export type StepType = Step['type'];

const part = z.strictObject({
  subject: z.string().min(1).max(500),
  html: z.string().max(200_000),
  text: z.string().max(100_000),
});
export const templateSchema = part.extend({
  /** Other languages; a customer whose `language` trait has none gets the main part. */
  languages: z.record(languageTag, part).default({}),
});
export type Template = z.infer<typeof templateSchema>;

export const triggerSchema = z
  .strictObject({
    /** An event by name ... */
    event: eventName.optional(),
    /** ... or entering a journey stage (an event at one of its touchpoints while elsewhere before). */
    stage: z.string().min(1).max(64).optional(),
    when: whenSchema.optional(),
  })
  .refine((t) => (t.event === undefined) !== (t.stage === undefined), 'give either event or stage');

export const workflowSchema = z.strictObject({
  id,
  name: z.string().min(1).max(200),
  description: z.string().max(2000).optional(),
  active: z.boolean().default(true),
  /**
   * transactional: what the customer asked for (an order confirmation); it bypasses the contact
   * policy and marketing consent. marketing: everything else, which both apply to.
   */
  purpose: z.enum(['transactional', 'marketing']),
  trigger: triggerSchema,
  /**
   * every_event: a run per trigger event (one per order); if_not_running: not while the customer
   * has a run of this workflow open; once: one run per customer ever.
   */
  reentry: z.enum(['every_event', 'if_not_running', 'once']).default('if_not_running'),
  /** The run exits (converted) when this event happens within `within` of entering. */
  goal: z.strictObject({ event: eventName, within: durationSchema.default(30 * 86_400_000) }).optional(),
  /** Share of entrants (chosen by customer, deterministically) that get nothing, to measure the lift. */
  holdout: z.number().min(0).max(0.5).default(0),
  steps: z.array(stepSchema).min(1).max(100),
  templates: z.record(id, templateSchema).default({}),
});
export type Workflow = z.infer<typeof workflowSchema>;
export type WorkflowInput = z.input<typeof workflowSchema>;

/** The step after `index` when it names none: the next one listed, or the end of the run. */
export function nextOf(workflow: Workflow, index: number): string | null {
  const step = workflow.steps[index]!;
  if (step.type === 'exit') return null;
  return step.next ?? workflow.steps[index + 1]?.id ?? null;
}
