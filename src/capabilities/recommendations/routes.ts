import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { requireKey } from '../workspaces/auth.ts';
import type { AppEnv } from '../http-env.ts';
import { errorResponses, security } from '../../platform/http/schemas.ts';
import { forQuery, forReply, pairsQuery, pairsReply } from './contract.ts';

const pairsRoute = createRoute({
  method: 'get',
  path: '/v1/recommendations/pairs',
  summary: 'Products customers buy together: support, confidence, lift and an exact test per pair',
  tags: ['recommendations'],
  security,
  middleware: [requireKey('secret')] as const,
  request: { query: pairsQuery },
  responses: {
    200: {
      description: 'co-purchase rules, significant ones first, strongest lift first',
      content: { 'application/json': { schema: pairsReply } },
    },
    ...errorResponses,
  },
});

const forRoute = createRoute({
  method: 'get',
  path: '/v1/recommendations',
  summary: 'Products to recommend to one customer, from what customers bought together',
  tags: ['recommendations'],
  security,
  middleware: [requireKey('secret')] as const,
  request: { query: forQuery },
  responses: {
    200: {
      description: 'recommendations, excluding what the customer already bought',
      content: { 'application/json': { schema: forReply } },
    },
    ...errorResponses,
  },
});

export function recommendationRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(pairsRoute, async (c) => {
    const { all, limit, ...options } = c.req.valid('query');
    const services = c.get('services');
    return c.json(
      await services.recommendations.pairs(c.get('workspaceId'), options, all === 'true', limit),
      200,
    );
  });
  app.openapi(forRoute, async (c) => {
    const { customer, limit, ...options } = c.req.valid('query');
    const services = c.get('services');
    const { owned, recommendations, population } = await services.recommendations.recommendationsFor(
      c.get('workspaceId'),
      customer,
      limit,
      options,
    );
    return c.json({ customer, population, owned, recommendations }, 200);
  });
}
