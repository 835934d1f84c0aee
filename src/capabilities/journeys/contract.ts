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
    items: z.array(timelineItem),
    next: z.string().nullable().openapi({ description: 'pass back as `cursor`; null on the last page' }),
  })
  .openapi('TimelinePage');
export type TimelinePage = z.infer<typeof timelinePage>;
