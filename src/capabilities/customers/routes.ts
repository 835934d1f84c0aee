import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { searchCustomers } from './search.ts';
import { customerSearchQuery, customerSearchReply } from './contract.ts';
import { requireKey } from '../workspaces/auth.ts';
import type { AppEnv } from '../http-env.ts';
import { errorResponses, security } from '../../platform/http/schemas.ts';

const route = createRoute({
  method: 'get',
  path: '/v1/customers',
  summary: 'Find customers by the start of their id, or part of their e-mail address or name',
  tags: ['customers'],
  security,
  middleware: [requireKey('secret')] as const,
  request: {
    query: customerSearchQuery,
  },
  responses: {
    200: {
      description: 'matching customers, most recently seen first',
      content: {
        'application/json': {
          schema: customerSearchReply,
        },
      },
    },
    ...errorResponses,
  },
});

export function customerSearchRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { q, limit } = c.req.valid('query');
    const customers = await searchCustomers(c.get('services').store, c.get('workspaceId'), q, limit);
    return c.json({ customers }, 200);
  });
}
