import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { InputError } from '../../core/issues.ts';
import { parseWindow, WINDOW_FORMAT } from '../../platform/time/window.ts';
import { touchpointFeedback } from './touchpoint-feedback.ts';
import { requireKey } from '../workspaces/auth.ts';
import type { AppEnv } from '../http-env.ts';
import { DomainError } from '../../platform/errors.ts';
import { errorResponses, errorSchema, security } from '../../platform/http/schemas.ts';
import { touchpointFeedbackReply } from './contract.ts';

const route = createRoute({
  method: 'get',
  path: '/v1/touchpoints/{id}/feedback',
  summary:
    'What customers said at a touchpoint in a window: score distributions, customers with a bad experience, responses and comments (newest first)',
  tags: ['touchpoints'],
  security,
  middleware: [requireKey('secret')] as const,
  request: {
    params: z.object({ id: z.string().min(1).max(200) }),
    query: z.object({
      from: z
        .string()
        .min(1)
        .max(40)
        .openapi({ description: `start, inclusive: ${WINDOW_FORMAT}` }),
      to: z.string().min(1).max(40).openapi({ description: 'end: a date includes that whole day' }),
      comments: z
        .enum(['only', 'all'])
        .default('only')
        .openapi({ description: 'list only responses with a comment (default) or all of them' }),
      limit: z.coerce.number().int().min(1).max(200).default(50),
      offset: z.coerce.number().int().min(0).max(100_000).default(0),
    }),
  },
  responses: {
    200: {
      description: 'distributions, affected customers and one page of responses',
      content: { 'application/json': { schema: touchpointFeedbackReply } },
    },
    404: {
      description: 'no such touchpoint in the journey map',
      content: { 'application/json': { schema: errorSchema } },
    },
    ...errorResponses,
  },
});

export function touchpointRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { id } = c.req.valid('param');
    const query = c.req.valid('query');
    const parsed = parseWindow(query.from, query.to);
    if (!parsed.window) throw new InputError(parsed.issues);
    const services = c.get('services');
    const workspaceId = c.get('workspaceId');
    const journey = await services.journeys.get(workspaceId);
    if (!journey.map.stages.some((s) => s.touchpoints.some((t) => t.id === id))) {
      throw new DomainError('not_found', `no touchpoint "${id}" in the journey map`);
    }
    const result = await touchpointFeedback(services.store, workspaceId, {
      window: parsed.window,
      touchpoint: id,
      failures: journey.map.failures,
      commentsOnly: query.comments === 'only',
      limit: query.limit,
      offset: query.offset,
    });
    return c.json(result, 200);
  });
}
