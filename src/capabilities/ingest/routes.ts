import type { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import type { IngestCall } from '../../core/ingest/request.ts';
import { LIMITS } from '../../core/ingest/limits.ts';
import type { IngestReply } from './service.ts';
import { requireKey } from '../workspaces/auth.ts';
import type { AppEnv } from '../http-env.ts';
import { DomainError } from '../../platform/errors.ts';
import { decodedBody } from '../../platform/http/encoded-body.ts';
import { errorResponses, security } from '../../platform/http/schemas.ts';
import {
  batchRequest,
  eventsRequest,
  feedbackRequest,
  identifyRequest,
  ingestReply,
  segmentCallRequest,
  trackRequest,
  type IngestReplyBody,
} from './contract.ts';
import { rejectsRoutes } from './rejects-routes.ts';

function reply(c: Context<AppEnv>, result: IngestReply) {
  const metrics = c.get('metrics');
  metrics.items.inc({ outcome: 'stored' }, result.stored);
  metrics.items.inc({ outcome: 'duplicate' }, result.duplicates);
  if (result.rejected) metrics.items.inc({ outcome: 'rejected' }, result.rejected);
  for (const r of result.rejects ?? []) metrics.rejected.inc({ code: r.issues[0]?.code ?? 'invalid' });
  const body: IngestReplyBody = { ok: true, ...result };
  return c.json(body);
}

/**
 * Before the key check: the time the request arrived (Segment's clock-skew correction is relative
 * to it, so it must not include the wait for a validation worker or the database), and the body,
 * decompressed. A client that sends its write key only as `writeKey` in the body (as
 * segment-analytics-python does) has it read from there.
 */
function arrival(call: IngestCall): MiddlewareHandler<AppEnv> {
  const maxBytes = call === 'batch' ? LIMITS.segmentBatchBytes : LIMITS.bodyBytes;
  return async (c, next) => {
    c.set('receivedAt', c.get('services').now());
    const body = await decodedBody(c, LIMITS.bodyBytes);
    if (body.byteLength > maxBytes) {
      const message = `a batch is at most ${maxBytes} bytes (Segment's limit); this one is ${body.byteLength}`;
      throw new DomainError('too_large', message, {
        code: 'batch_too_large',
        issues: [{ path: '', code: 'too_large', message }],
      });
    }
    c.set('ingestBody', body);
    if (c.req.header('authorization') === undefined) {
      const key = writeKeyOf(body);
      if (key) c.set('bodyKey', key);
    }
    await next();
  };
}

const decoder = new TextDecoder();

/** `writeKey` at the top of a JSON body, or null (a body that is not JSON is refused later, with its reason). */
function writeKeyOf(body: Uint8Array): string | null {
  try {
    const parsed: unknown = JSON.parse(decoder.decode(body));
    if (parsed !== null && typeof parsed === 'object' && 'writeKey' in parsed) {
      const key = (parsed as { writeKey: unknown }).writeKey;
      return typeof key === 'string' && key !== '' ? key : null;
    }
  } catch {
    // Not JSON: no key in it; the key check answers 401 before the body's own 400.
  }
  return null;
}

/** Ingest routes: the shapes, and why the service validates the bodies, are in contract.ts. */
export function ingestRoutes(app: OpenAPIHono<AppEnv>) {
  const segment = (type: string) =>
    `Segment-compatible ${type} call (invalid message: 400, and kept in the rejects log)`;
  const routes: [string, IngestCall, z.ZodType, string][] = [
    ['/v1/events', 'events', eventsRequest, 'Send interaction events (one, an array, or {"batch": [...]})'],
    ['/v1/feedback', 'feedback', feedbackRequest, 'Send feedback responses (NPS, CSAT, CES, ratings)'],
    ['/v1/identify', 'identify', identifyRequest, 'Identify a customer: traits, and merge an anonymous id'],
    ['/v1/track', 'track', trackRequest, segment('track')],
    ['/v1/page', 'page', segmentCallRequest, segment('page')],
    ['/v1/screen', 'screen', segmentCallRequest, segment('screen')],
    ['/v1/group', 'group', segmentCallRequest, segment('group')],
    ['/v1/alias', 'alias', segmentCallRequest, segment('alias')],
    [
      '/v1/batch',
      'batch',
      batchRequest,
      'Segment-compatible batch of track/identify/page/screen/alias/group calls: valid messages are stored, invalid ones are listed in the reply and kept in the rejects log',
    ],
    // Segment's HTTP API name for the same batch call.
    ['/v1/import', 'batch', batchRequest, 'Segment-compatible batch (the HTTP API name of /v1/batch)'],
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
    app.post(path, arrival(call), guard, async (c) => {
      const services = c.get('services');
      const body = c.get('ingestBody');
      return reply(c, await services.ingest.receive(c.get('workspaceId'), call, body, c.get('receivedAt')));
    });
  }
  rejectsRoutes(app);
}
