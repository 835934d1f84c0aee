import { z } from '@hono/zod-openapi';
import { eventInput, feedbackInput, identifyInput } from '../../core/ingest/schemas.ts';
import { segmentBatch, segmentMessage } from '../../core/ingest/segment.ts';

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
  })
  .openapi('IngestReply');
export type IngestReplyBody = z.infer<typeof ingestReply>;
