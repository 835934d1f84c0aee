import type { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { IngestCall } from '../../core/ingest/request.ts';
import type { IngestReply } from './service.ts';
import { requireKey } from '../workspaces/auth.ts';
import type { AppEnv } from '../http-env.ts';
import { errorResponses, security } from '../../platform/http/schemas.ts';
import {
  batchRequest,
  eventsRequest,
  feedbackRequest,
  identifyRequest,
  ingestReply,
  trackRequest,
  type IngestReplyBody,
} from './contract.ts';

function reply(c: Context<AppEnv>, result: IngestReply) {
  const items = c.get('metrics').items;
  items.inc({ outcome: 'stored' }, result.stored);
  items.inc({ outcome: 'duplicate' }, result.duplicates);
  const body: IngestReplyBody = { ok: true, ...result };
  return c.json(body);
}

/** Ingest routes: the shapes, and why the service validates the bodies, are in contract.ts. */
export function ingestRoutes(app: OpenAPIHono<AppEnv>) {
  const routes: [string, IngestCall, z.ZodType, string][] = [
    ['/v1/events', 'events', eventsRequest, 'Send interaction events (one, an array, or {"batch": [...]})'],
    ['/v1/feedback', 'feedback', feedbackRequest, 'Send feedback responses (NPS, CSAT, CES, ratings)'],
    ['/v1/identify', 'identify', identifyRequest, 'Identify a customer: traits, and merge an anonymous id'],
    ['/v1/track', 'track', trackRequest, 'Segment-compatible track call'],
    [
      '/v1/batch',
      'batch',
      batchRequest,
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
          content: { 'application/json': { schema: ingestReply } },
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
