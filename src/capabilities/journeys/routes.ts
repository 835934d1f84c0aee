import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { InputError, zodIssues } from '../../core/issues.ts';
import { parseJourneyMap } from '../../core/journey/validate.ts';
import { requireKey } from '../workspaces/auth.ts';
import { jsonBody } from '../../platform/http/body.ts';
import type { AppEnv } from '../http-env.ts';
import { DomainError } from '../../platform/errors.ts';
import { errorResponses, errorSchema, security } from '../../platform/http/schemas.ts';
import { journeyMap, putJourneyRequest, remapSchema, stageCounts, timelinePage } from './contract.ts';
import { customerStage, stageCounts as countStages } from './current-stage.ts';

const timelineRoute = createRoute({
  method: 'get',
  path: '/v1/customers/{id}/timeline',
  summary: "A customer's events and feedback in time order, across every touchpoint",
  tags: ['customers'],
  security,
  middleware: [requireKey('secret')] as const,
  request: {
    params: z.object({ id: z.string().min(1).max(200) }),
    query: z.object({
      limit: z.coerce.number().int().min(1).max(1000).default(100),
      cursor: z
        .string()
        .max(500)
        .optional()
        .openapi({ description: 'the `next` value of the previous page' }),
    }),
  },
  responses: {
    200: {
      description: 'one page of the timeline',
      content: { 'application/json': { schema: timelinePage } },
    },
    404: { description: 'no such customer', content: { 'application/json': { schema: errorSchema } } },
    ...errorResponses,
  },
});

const stageCountsRoute = createRoute({
  method: 'get',
  path: '/v1/journey/stages/current',
  summary: 'How many customers are at each stage now (their current stage), and how many are stalled there',
  tags: ['journey'],
  security,
  middleware: [requireKey('secret')] as const,
  responses: {
    200: {
      description: 'counts per stage, with the population, the clock and the rule',
      content: { 'application/json': { schema: stageCounts } },
    },
    ...errorResponses,
  },
});

const getJourneyRoute = createRoute({
  method: 'get',
  path: '/v1/journey',
  summary: 'The journey map: ordered stages with their phase and touchpoints',
  tags: ['journey'],
  security,
  middleware: [requireKey('secret')] as const,
  responses: {
    200: { description: 'the map', content: { 'application/json': { schema: journeyMap } } },
    ...errorResponses,
  },
});

export function readingRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(timelineRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { limit, cursor } = c.req.valid('query');
    let page;
    try {
      page = await c.get('services').store.timeline(c.get('workspaceId'), id, { limit, cursor });
    } catch (error) {
      if (error instanceof RangeError)
        throw new DomainError('invalid', error.message, { code: 'invalid_cursor' });
      throw error;
    }
    if (!page.customer && page.items.length === 0)
      throw new DomainError('not_found', `no customer "${id}" in this workspace`);
    const services = c.get('services');
    const { map } = await services.journeys.get(c.get('workspaceId'));
    // The first page only: the stage's typical time reads every customer's events.
    const stage = cursor
      ? null
      : await customerStage(services.store, c.get('workspaceId'), map, services.now(), id);
    return c.json({ ...page, stage }, 200);
  });

  app.openapi(stageCountsRoute, async (c) => {
    const services = c.get('services');
    const { map } = await services.journeys.get(c.get('workspaceId'));
    return c.json(await countStages(services.store, c.get('workspaceId'), map, services.now()), 200);
  });

  app.openapi(getJourneyRoute, async (c) => {
    const journey = await c.get('services').journeys.get(c.get('workspaceId'));
    return c.json(journey.map, 200);
  });

  // PUT /v1/journey: body is the map, optionally {"map": ..., "remap": {"old": "new"}}.
  app.openAPIRegistry.registerPath({
    method: 'put',
    path: '/v1/journey',
    summary:
      'Replace the journey map (refused with 409 if stored data would lose its touchpoint, unless remapped)',
    tags: ['journey'],
    security,
    request: { body: { content: { 'application/json': { schema: putJourneyRequest } }, required: true } },
    responses: {
      200: { description: 'the new map', content: { 'application/json': { schema: journeyMap } } },
      ...errorResponses,
      409: {
        description:
          'the new map drops a touchpoint that stored events or feedback use (send {"map": ..., "remap": {"old": "new"}} to move them) or that a survey is bound to (change the survey first); each issue names the touchpoint as touchpoints.ID',
        content: { 'application/json': { schema: errorSchema } },
      },
    },
  });
  app.put('/v1/journey', requireKey('secret'), async (c) => {
    const body = (await jsonBody(c)) as Record<string, unknown>;
    const wrapped = body && typeof body === 'object' && 'map' in body;
    const result = parseJourneyMap(wrapped ? body.map : body);
    if (!result.ok) throw new InputError(result.issues);
    const parsedRemap = remapSchema.optional().safeParse(wrapped ? body.remap : undefined);
    if (!parsedRemap.success)
      throw new InputError(
        zodIssues(parsedRemap.error).map((i) => ({ ...i, path: i.path ? `remap.${i.path}` : 'remap' })),
      );
    const remap = parsedRemap.data ?? {};
    const services = c.get('services');
    await services.journeys.set(c.get('workspaceId'), result.map, services.now(), remap);
    return c.json(result.map);
  });
}
