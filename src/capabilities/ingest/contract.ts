import { z } from '@hono/zod-openapi';
import { eventInput, feedbackInput, identifyInput } from '../../core/ingest/schemas.ts';
import { segmentBatch, segmentMessage } from '../../core/ingest/segment.ts';

const fieldIssue = z.object({
  path: z.string().openapi({ description: 'dotted path of the field inside the message' }),
  code: z.string(),
  message: z.string(),
});

/**
 * Request and reply shapes of the ingest routes. Bodies are validated by the ingest service, not by
 * the router, because a batch must be checked whole (every bad item listed with its index) before
 * anything is stored; the OpenAPI document still comes from the same zod schemas in core/ingest.
 */

const oneOrMany = <T extends z.ZodType>(item: T) =>
  z.union([item, z.array(item), z.object({ batch: z.array(item) })]);

export const eventsRequest = oneOrMany(eventInput);
export const feedbackRequest = oneOrMany(feedbackInput);
/** identify takes both our shape ({customerId, ...}) and Segment's ({userId, ...}). */
export const identifyRequest = z.union([identifyInput, segmentMessage]);
export const trackRequest = segmentMessage;
/** /v1/page, /v1/screen, /v1/group, /v1/alias: one Segment message (its `type` is the call's). */
export const segmentCallRequest = segmentMessage;
export const batchRequest = segmentBatch;

export const ingestReply = z
  .object({
    ok: z.literal(true),
    received: z.number().int().openapi({ description: 'items in the request' }),
    stored: z.number().int(),
    duplicates: z
      .number()
      .int()
      .openapi({ description: 'items whose id was already stored (not stored again)' }),
    notLinked: z
      .array(
        z.object({
          anonymousId: z.string(),
          customerId: z.string(),
          reason: z.literal('anonymous_id_of_another_customer'),
        }),
      )
      .optional()
      .openapi({
        description:
          'identifies whose anonymousId was already linked to another customer: an anonymous id keeps the first customer it was linked to, so these linked nothing (their traits were stored)',
      }),
    rejected: z.number().int().optional().openapi({
      description:
        'Segment-compatible batch only, when some messages were refused: how many (kept in the rejects log, GET /v1/rejects)',
    }),
    rejects: z
      .array(z.object({ index: z.number().int(), issues: z.array(fieldIssue) }))
      .optional()
      .openapi({ description: 'each refused message: its position in the batch and its problems' }),
  })
  .openapi('IngestReply');
export type IngestReplyBody = z.infer<typeof ingestReply>;

export const rejectRecord = z
  .object({
    id: z.string(),
    call: z.string().openapi({ description: 'the call that carried it: batch, track, identify ...' }),
    message: z.unknown().openapi({ description: 'the message exactly as it arrived (free-form JSON)' }),
    issues: z.array(fieldIssue),
    receivedAt: z.string().openapi({ description: 'when the request arrived (ISO-8601)' }),
    replayedAt: z.string().nullable().openapi({ description: 'when a replay stored it; null until then' }),
  })
  .openapi('IngestReject');
export type RejectRecordBody = z.infer<typeof rejectRecord>;

export const rejectsListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  before: z.iso
    .datetime({ offset: true })
    .optional()
    .openapi({ description: 'page back: rejects received before this time' }),
});

export const rejectsListReply = z
  .object({
    total: z.number().int().openapi({ description: 'rejects this workspace has logged, all time' }),
    waiting: z.number().int().openapi({ description: 'of those, not replayed yet' }),
    rejects: z.array(rejectRecord).openapi({ description: 'newest first' }),
  })
  .openapi('IngestRejects');

export type RejectsListReply = z.infer<typeof rejectsListReply>;

export const replayRequest = z.object({
  ids: z
    .array(z.string().min(1))
    .min(1)
    .max(1000)
    .optional()
    .openapi({ description: 'the rejects to replay; all waiting ones when left out' }),
});

export const replayReply = z
  .object({
    replayed: z.number().int().openapi({ description: 'rejects that are valid now and were stored' }),
    stillRejected: z.array(z.object({ id: z.string(), issues: z.array(fieldIssue) })),
  })
  .openapi('IngestReplay');
