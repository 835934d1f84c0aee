import { z } from '@hono/zod-openapi';
import { journeyMapSchema } from '../../core/journey/schema.ts';

/**
 * Request and reply shapes of /v1/journey and a customer's timeline: the routes, the OpenAPI
 * document and the dashboard's types come from here. The map's own schema lives in core (the CLI and
 * the importers validate with it too); the contract names it for the document.
 */

// Used as it is: zod gives a schema `.openapi()` only when @hono/zod-openapi was loaded before the
// schema was made, and core must not depend on that order.
export const journeyMap = journeyMapSchema;
export type JourneyMap = z.infer<typeof journeyMap>;

/** Old touchpoint id -> new one, applied to stored events and feedback in the same transaction. */
export const remapSchema = z
  .record(z.string().min(1).max(64), z.string().min(1).max(64))
  .openapi({ description: 'old touchpoint id -> new one, applied to stored events and feedback' });

export const putJourneyRequest = z
  .union([
    journeyMap,
    z.object({
      map: journeyMap,
      remap: remapSchema.optional(),
    }),
  ])
  .openapi('PutJourneyRequest', { description: 'the map, or {"map": ..., "remap": {"old": "new"}}' });

const scale = z.object({ min: z.number(), max: z.number() });
const timelineItem = z
  .object({
    kind: z.enum(['event', 'feedback', 'invitation']),
    id: z.string(),
    timestamp: z.number().openapi({ description: 'epoch ms' }),
    touchpoint: z.string().nullable(),
    name: z.string().optional().openapi({ description: 'events: the event name' }),
    properties: z
      .record(z.string(), z.unknown())
      .optional()
      .openapi({ description: 'events: the properties as sent (free-form)' }),
    metric: z.string().optional().openapi({ description: 'feedback: nps, csat, ces or rating' }),
    score: z.number().optional(),
    scale: scale.optional(),
    comment: z.string().nullable().optional(),
    source: z.string().optional(),
    survey: z.string().optional().openapi({ description: 'invitations: the survey' }),
    trigger: z.string().optional(),
    channel: z.string().optional(),
    status: z.string().optional(),
    reason: z.string().nullable().optional(),
  })
  .openapi('TimelineItem');
export type TimelineItem = z.infer<typeof timelineItem>;

/** Where a customer is in the journey now (see current-stage-sql.ts for the rule). */
export const customerStage = z
  .object({
    stage: z.string().openapi({ description: 'the stage id' }),
    name: z.string(),
    stageIndex: z.number().int().openapi({ description: "0-based, in the map's order" }),
    since: z
      .number()
      .openapi({ description: 'epoch ms: their first event at the stage in the current cycle' }),
    inStageMs: z.number().openapi({ description: 'milliseconds from `since` to `asOf`' }),
    typicalMs: z.number().nullable().openapi({
      description:
        '90th percentile of the time customers who moved on spent at the stage; null below 20 of them',
    }),
    movedOn: z
      .number()
      .int()
      .openapi({ description: "customers who moved on from the stage (the percentile's population)" }),
    stalled: z
      .boolean()
      .nullable()
      .openapi({ description: 'inStageMs > typicalMs; null when the stage has no typical time to judge by' }),
    asOf: z.number().openapi({ description: 'epoch ms: the clock the stage is judged at' }),
  })
  .openapi('CustomerStage');
export type CustomerStage = z.infer<typeof customerStage>;

export const timelinePage = z
  .object({
    customer: z
      .object({
        id: z.string(),
        traits: z
          .record(z.string(), z.unknown())
          .openapi({ description: 'the traits identify calls set (free-form)' }),
        firstSeen: z.number().nullable(),
        lastSeen: z.number().nullable(),
        anonymousIds: z.array(z.string()),
      })
      .nullable(),
    stage: customerStage.nullable().openapi({
      description: 'the current stage (first page only); null without an event at a journey touchpoint',
    }),
    items: z.array(timelineItem),
    next: z.string().nullable().openapi({ description: 'pass back as `cursor`; null on the last page' }),
  })
  .openapi('TimelinePage');
export type TimelinePage = z.infer<typeof timelinePage>;

export const stageCounts = z
  .object({
    asOf: z.number().openapi({ description: 'epoch ms' }),
    population: z.string().openapi({ description: 'who is counted, in words' }),
    rule: z.string().openapi({ description: 'the current-stage and stalled rules, in words' }),
    customers: z.number().int(),
    stages: z.array(
      z.object({
        stage: z.string(),
        name: z.string(),
        customers: z.number().int().openapi({ description: 'customers whose current stage this is' }),
        stalled: z
          .number()
          .int()
          .nullable()
          .openapi({ description: 'of them, stalled; null when the stage has no typical time' }),
        typicalMs: z.number().nullable(),
        movedOn: z.number().int(),
      }),
    ),
  })
  .openapi('StageCounts');
export type StageCounts = z.infer<typeof stageCounts>;
