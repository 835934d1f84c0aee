import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { requireKey } from '../workspaces/auth.ts';
import type { AppEnv } from '../http-env.ts';
import { DomainError } from '../../platform/errors.ts';
import { errorResponses, security } from '../../platform/http/schemas.ts';
import { asBody } from './rejects-log.ts';
import { rejectRecord, rejectsListQuery, rejectsListReply, replayReply, replayRequest } from './contract.ts';

const list = createRoute({
  method: 'get',
  path: '/v1/rejects',
  summary: 'Messages the Segment-compatible calls refused while storing the rest of their request',
  tags: ['ingest'],
  security,
  middleware: [requireKey('secret')] as const,
  request: { query: rejectsListQuery },
  responses: {
    200: { description: 'newest first', content: { 'application/json': { schema: rejectsListReply } } },
    ...errorResponses,
  },
});

const show = createRoute({
  method: 'get',
  path: '/v1/rejects/{id}',
  summary: 'One refused message, as it arrived, with its problems',
  tags: ['ingest'],
  security,
  middleware: [requireKey('secret')] as const,
  request: { params: z.object({ id: z.string().min(1).max(64) }) },
  responses: {
    200: { description: 'the reject', content: { 'application/json': { schema: rejectRecord } } },
    404: errorResponses[401],
    ...errorResponses,
  },
});

const replay = createRoute({
  method: 'post',
  path: '/v1/rejects/replay',
  summary:
    'Validate refused messages again (after a fix of the journey map or of a limit) and store those valid now',
  tags: ['ingest'],
  security,
  middleware: [requireKey('secret')] as const,
  request: { body: { content: { 'application/json': { schema: replayRequest } }, required: false } },
  responses: {
    200: { description: 'what was stored', content: { 'application/json': { schema: replayReply } } },
    ...errorResponses,
  },
});

export function rejectsRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(list, async (c) => {
    const { limit, before } = c.req.valid('query');
    const log = c.get('services').ingest.rejectsLog;
    const workspaceId = c.get('workspaceId');
    const page = before === undefined ? { limit } : { limit, before: Date.parse(before) };
    const [rejects, counts] = await Promise.all([log.list(workspaceId, page), log.count(workspaceId)]);
    return c.json({ ...counts, rejects: rejects.map(asBody) }, 200);
  });
  app.openapi(show, async (c) => {
    const { id } = c.req.valid('param');
    const found = await c.get('services').ingest.rejectsLog.get(c.get('workspaceId'), id);
    if (!found) throw new DomainError('not_found', 'no reject with this id in this workspace');
    return c.json(asBody(found), 200);
  });
  app.openapi(replay, async (c) => {
    const text = await c.req.text();
    const parsed = text.trim() ? replayRequest.parse(JSON.parse(text)) : {};
    const services = c.get('services');
    const result = await services.ingest.replayRejects(c.get('workspaceId'), parsed.ids, services.now());
    return c.json(result, 200);
  });
}
