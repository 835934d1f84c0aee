import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { requireKey } from './auth.ts';
import type { AppEnv } from '../http-env.ts';
import { errorResponses, security } from '../../platform/http/schemas.ts';
import { dataLoadReply } from './contract.ts';

const getDataLoadRoute = createRoute({
  method: 'get',
  path: '/v1/data-load',
  summary: 'A background load into the workspace (the demo data set at first start) and its progress',
  tags: ['session'],
  security,
  middleware: [requireKey('secret')] as const,
  responses: {
    200: { description: 'the load, or null', content: { 'application/json': { schema: dataLoadReply } } },
    ...errorResponses,
  },
});

export function dataLoadRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(getDataLoadRoute, (c) =>
    c.json({ load: c.get('services').loads.get(c.get('workspaceId')) }, 200),
  );
}
