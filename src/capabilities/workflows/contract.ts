import { z } from '@hono/zod-openapi';
import { workflowSchema } from '../../core/workflows/definition.ts';

/**
 * Request and reply shapes of the workflows API: the routes, the OpenAPI document and the
 * dashboard's types come from here. A workflow is answered in the schema that validates it.
 */

export const workflowDefinition = workflowSchema;
export type WorkflowDefinition = z.infer<typeof workflowDefinition>;
export const workflowList = z.object({ workflows: z.array(workflowDefinition) }).openapi('WorkflowList');

const freeForm = (description: string) => z.record(z.string(), z.unknown()).openapi({ description });
const iso = z.string().openapi({ description: 'ISO instant' });
const isoOrNull = z.string().nullable().openapi({ description: 'ISO instant, null until it happens' });

export const validationReply = z
  .object({
    ok: z.boolean(),
    issues: z.array(z.object({ path: z.string(), code: z.string(), message: z.string() })),
  })
  .openapi('WorkflowValidation');

export const runReply = z
  .object({
    id: z.string(),
    workflow: z.string(),
    customerId: z.string(),
    triggerEventId: z.string(),
    event: freeForm('the trigger event: its name, timestamp and properties'),
    holdout: z.boolean().openapi({ description: 'in the holdout: got nothing, counted for the lift' }),
    status: z.enum(['active', 'waiting', 'completed', 'exited', 'goal', 'holdout', 'failed']),
    step: z.string().nullable().openapi({ description: 'the step it is at (waits: the wait)' }),
    awaiting: z.string().nullable().openapi({ description: 'the event a wait_until step waits for' }),
    wakeAt: isoOrNull,
    enteredAt: iso,
    endedAt: isoOrNull,
    convertedAt: isoOrNull,
  })
  .openapi('WorkflowRun');
export const runsReply = z.object({ runs: z.array(runReply) }).openapi('WorkflowRuns');

export const logEntryReply = z
  .object({
    run: z.string(),
    workflow: z.string(),
    customerId: z.string(),
    visit: z.number().int(),
    step: z
      .string()
      .openapi({ description: "the step; empty for the run's own entries (entered, holdout, converted)" }),
    outcome: z.string().openapi({
      description:
        'entered, holdout, sent, failed, delayed, suppressed, invited, trait_set, started, waited, event_arrived, timed_out, branch_then, branch_else, converted, goal, completed, exited',
    }),
    detail: z
      .string()
      .nullable()
      .openapi({ description: 'why: the contact-policy rule, the error, the template and language' }),
    purpose: z.string().nullable().openapi({ description: 'transactional or marketing, for messages' }),
    at: iso,
  })
  .openapi('WorkflowLogEntry');
export const logReply = z.object({ entries: z.array(logEntryReply) }).openapi('WorkflowLog');

const group = z.object({
  entered: z.number().int(),
  converted: z.number().int(),
  rate: z.number().nullable(),
});
export const resultsReply = z
  .object({
    workflow: z.string(),
    population: z.object({ from: isoOrNull, to: isoOrNull, note: z.string() }),
    entered: z.number().int().openapi({ description: 'runs started, holdout included' }),
    holdout: z.number().int(),
    byStatus: z
      .record(z.string(), z.number().int())
      .openapi({ description: "entrants' runs (not holdout) per status" }),
    steps: z.array(
      z.object({
        step: z.string(),
        outcomes: z
          .record(z.string(), z.number().int())
          .openapi({ description: 'runs per outcome at this step' }),
      }),
    ),
    goal: z
      .object({
        event: z.string(),
        within: z.number().openapi({ description: 'ms after entering in which the goal event counts' }),
        treated: group,
        holdout: group,
        difference: z.number().nullable().openapi({ description: 'treated rate minus holdout rate' }),
        interval: z
          .tuple([z.number(), z.number()])
          .nullable()
          .openapi({ description: '95 % Newcombe interval of the difference' }),
        verdict: z.enum(['significant', 'not_significant', 'too_few']),
      })
      .nullable(),
    feedback: z.array(
      z.object({
        metric: z.string(),
        scale: z.object({ min: z.number(), max: z.number() }),
        treated: z.object({ answers: z.number().int(), mean: z.number().nullable() }),
        holdout: z.object({ answers: z.number().int(), mean: z.number().nullable() }),
      }),
    ),
  })
  .openapi('WorkflowResults');
export type ResultsReply = z.infer<typeof resultsReply>;

export const dryRunInput = z.strictObject({ customerId: z.string().min(1).max(200) });
export const dryRunReply = z
  .object({
    workflow: z.string(),
    customerId: z.string(),
    event: freeForm('the trigger event the run is imagined from').nullable(),
    enters: z.boolean(),
    why: z.string(),
    holdout: z.boolean(),
    steps: z.array(
      z.object({
        step: z.string(),
        type: z.string(),
        would: z.string(),
        preview: z
          .object({ language: z.string(), subject: z.string(), html: z.string(), text: z.string() })
          .optional(),
      }),
    ),
  })
  .openapi('WorkflowDryRun');
export type DryRunReply = z.infer<typeof dryRunReply>;

export const consentInput = z.strictObject({
  channel: z.enum(['email']),
  purpose: z.enum(['marketing', 'transactional']),
  granted: z.boolean(),
});
export const consentReply = z
  .object({
    consents: z.array(
      z.object({
        channel: z.string(),
        purpose: z.string(),
        granted: z.boolean(),
        at: iso,
        source: z.string(),
      }),
    ),
  })
  .openapi('Consents');
