import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { jsonBody } from '../../platform/http/body.ts';
import { errorResponses, errorSchema, security } from '../../platform/http/schemas.ts';
import type { AppEnv } from '../http-env.ts';
import { requireKey } from '../workspaces/auth.ts';
import {
  auditQuery,
  auditReply,
  customerExport,
  customerIdParam,
  erasureReply,
  exportQuery,
  retentionSettings,
} from './contract.ts';
import { exportZip } from './customer-export.ts';
import { auditPage } from './audit-page.ts';
import { requestActor } from './request-actor.ts';

const notFound = {
  description: 'no such customer',
  content: { 'application/json': { schema: errorSchema } },
};

const auditRoute = createRoute({
  method: 'get',
  path: '/v1/audit',
  summary: 'The audit log: who changed what, when, from where; newest first, paged',
  tags: ['privacy'],
  security,
  middleware: [requireKey('secret')] as const,
  request: { query: auditQuery },
  responses: {
    200: { description: 'one page of entries', content: { 'application/json': { schema: auditReply } } },
    ...errorResponses,
  },
});

const exportRoute = createRoute({
  method: 'get',
  path: '/v1/customers/{id}/export',
  summary: 'Everything cxloop holds about one customer (GDPR art. 15/20), as JSON or a zip of CSVs',
  tags: ['privacy'],
  security,
  middleware: [requireKey('secret')] as const,
  request: { params: customerIdParam, query: exportQuery },
  responses: {
    200: {
      description: 'the export',
      content: {
        'application/json': { schema: customerExport },
        'application/zip': { schema: { type: 'string', format: 'binary' } },
      },
    },
    404: notFound,
    ...errorResponses,
  },
});

const eraseRoute = createRoute({
  method: 'delete',
  path: '/v1/customers/{id}',
  summary:
    'Erase a customer (GDPR art. 17): every row about them, physically; their ids and email are refused from then on',
  tags: ['privacy'],
  security,
  middleware: [requireKey('secret')] as const,
  request: { params: customerIdParam },
  responses: {
    200: { description: 'what was erased', content: { 'application/json': { schema: erasureReply } } },
    404: notFound,
    ...errorResponses,
  },
});

const getRetention = createRoute({
  method: 'get',
  path: '/v1/retention',
  summary: 'How long raw events and comment text are kept (null: forever)',
  tags: ['privacy'],
  security,
  middleware: [requireKey('secret')] as const,
  responses: {
    200: { description: 'the settings', content: { 'application/json': { schema: retentionSettings } } },
    ...errorResponses,
  },
});

const putRetention = createRoute({
  method: 'put',
  path: '/v1/retention',
  summary: 'Set how long raw events and comment text are kept; the retention job enforces it daily',
  tags: ['privacy'],
  security,
  middleware: [requireKey('secret')] as const,
  request: { body: { required: true, content: { 'application/json': { schema: retentionSettings } } } },
  responses: {
    200: { description: 'the settings', content: { 'application/json': { schema: retentionSettings } } },
    ...errorResponses,
  },
});

export function privacyRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(auditRoute, async (c) =>
    c.json(await auditPage(c.get('services'), c.get('workspaceId'), c.req.valid('query')), 200),
  );

  app.openapi(exportRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { format } = c.req.valid('query');
    const services = c.get('services');
    const data = await services.privacy.exportCustomer(c.get('workspaceId'), id, requestActor(c));
    if (format === 'zip') {
      c.header('content-type', 'application/zip');
      c.header('content-disposition', 'attachment; filename="customer-export.zip"');
      return c.body(exportZip(data).slice().buffer, 200) as never;
    }
    return c.json(data, 200);
  });

  app.openapi(eraseRoute, async (c) => {
    const { id } = c.req.valid('param');
    const services = c.get('services');
    return c.json(await services.privacy.eraseCustomer(c.get('workspaceId'), id, requestActor(c)), 200);
  });

  app.openapi(getRetention, async (c) =>
    c.json(await c.get('services').privacy.retention.get(c.get('workspaceId')), 200),
  );

  app.openapi(putRetention, async (c) =>
    c.json(await c.get('services').privacy.retention.set(c.get('workspaceId'), await jsonBody(c)), 200),
  );
}
