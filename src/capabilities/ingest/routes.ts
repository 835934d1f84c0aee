import { z, type OpenAPIHono } from '@hono/zod-openapi';
import { eventInput, feedbackInput, identifyInput } from '../../core/ingest/schemas.ts';
import { segmentBatch, segmentMessage } from '../../core/ingest/segment.ts';
import type { Context } from 'hono';
import type { IngestCall } from '../../core/ingest/request.ts';
import type { IngestReply } from './service.ts';
import { requireKey } from '../workspaces/auth.ts';
import type { AppEnv } from '../http-env.ts';
import { errorResponses, ingestReplySchema, security } from '../../platform/http/schemas.ts';

function reply(c: Context<AppEnv>, result: IngestReply) {
  const items = c.get('metrics').items;
  items.inc({ outcome: 'stored' }, result.stored);
  items.inc({ outcome: 'duplicate' }, result.duplicates);
  return c.json({ ok: true as const, ...result });
}

const oneOrMany = <T extends z.ZodType>(item: T) =>
  z.union([item, z.array(item), z.object({ batch: z.array(item) })]);

/**
 * Ingest routes. Bodies are validated by the ingest service, not by the router, because a batch
 * must be checked whole (every bad item listed with its index) before anything is stored; the
 * OpenAPI document still comes from the same zod schemas.
 */
export function ingestRoutes(app: OpenAPIHono<AppEnv>) {
  const routes: [string, IngestCall, z.ZodType, string][] = [
    [
      '/v1/events',
      'events',
      oneOrMany(eventInput),
      'Send interaction events (one, an array, or {"batch": [...]})',
    ],
    [
      '/v1/feedback',
      'feedback',
      oneOrMany(feedbackInput),
      'Send feedback responses (NPS, CSAT, CES, ratings)',
    ],
    // identify takes both our shape ({customerId, ...}) and Segment's ({userId, ...}).
    [
      '/v1/identify',
      'identify',
      z.union([identifyInput, segmentMessage]),
      'Identify a customer: traits, and merge an anonymous id',
    ],
    ['/v1/track', 'track', segmentMessage, 'Segment-compatible track call'],
    [
      '/v1/batch',
      'batch',
      segmentBatch,
      'Segment-compatible batch of track/identify/page/screen/alias/group calls',
    ],
  ];
  const register = (path: string, schema: z.ZodType, summary: string) =>
    app.openAPIRegistry.registerPath({
      method: 'post',
      path,
      summary,
      tags: ['ingest'],
      security,
      request: { body: { content: { 'application/json': { schema } }, required: true } },
      responses: {
        200: {
          description: 'stored (after commit)',
          content: { 'application/json': { schema: ingestReplySchema } },
        },
        ...errorResponses,
      },
    });
  const guard = requireKey('ingest', 'secret');

  for (const [path, call, schema, summary] of routes) {
    register(path, schema, summary);
    app.post(path, guard, async (c) => {
      const services = c.get('services');
      const body = new Uint8Array(await c.req.arrayBuffer());
      return reply(c, await services.ingest.receive(c.get('workspaceId'), call, body, services.now()));
    });
  }
}
