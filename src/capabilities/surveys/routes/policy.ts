import type { OpenAPIHono, z } from '@hono/zod-openapi';
import { InputError } from '../../../core/issues.ts';
import { requireKey } from '../../workspaces/auth.ts';
import { jsonBody } from '../../../platform/http/body.ts';
import type { AppEnv } from '../../http-env.ts';
import { errorResponses, security } from '../../../platform/http/schemas.ts';
import { contactPolicy, decisionsQuery, decisionsReply, okReply } from '../contract.ts';

/** The workspace's contact-pressure policy, its decision log, and unsubscribing a customer (secret key). */
export function contactPolicyRoutes(app: OpenAPIHono<AppEnv>) {
  const secret = requireKey('secret');
  const register = (method: 'get' | 'put' | 'post', path: string, summary: string, reply: z.ZodType) =>
    app.openAPIRegistry.registerPath({
      method,
      path,
      summary,
      tags: ['surveys'],
      security,
      ...(method === 'put'
        ? { request: { body: { content: { 'application/json': { schema: contactPolicy } } } } }
        : path.endsWith('/decisions')
          ? { request: { query: decisionsQuery } }
          : {}),
      responses: {
        200: { description: 'ok', content: { 'application/json': { schema: reply } } },
        ...errorResponses,
      },
    });

  register('get', '/v1/contact-policy', 'The contact-pressure policy every survey shares', contactPolicy);
  app.get('/v1/contact-policy', secret, async (c) =>
    c.json(await c.get('services').surveys.policies.get(c.get('workspaceId'))),
  );

  register('put', '/v1/contact-policy', 'Replace the contact-pressure policy', contactPolicy);
  app.put('/v1/contact-policy', secret, async (c) => {
    const services = c.get('services');
    return c.json(
      await services.surveys.policies.set(c.get('workspaceId'), await jsonBody(c), services.now()),
    );
  });

  register(
    'get',
    '/v1/contact-policy/decisions',
    'The decision log: why each invitation was sent, delayed or skipped',
    decisionsReply,
  );
  app.get('/v1/contact-policy/decisions', secret, async (c) => {
    const limit = Number(c.req.query('limit') ?? 100);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
      throw new InputError([{ path: 'limit', code: 'invalid_value', message: 'limit is 1-1000' }]);
    const decisions = await c.get('services').surveys.policies.decisions(c.get('workspaceId'), {
      customerId: c.req.query('customerId'),
      surveyId: c.req.query('survey'),
      limit,
    });
    return c.json({
      decisions: decisions.map((d) => ({
        ...d,
        at: new Date(d.at).toISOString(),
        until: d.until === null ? null : new Date(d.until).toISOString(),
      })),
    });
  });

  register('post', '/v1/customers/{id}/unsubscribe', 'Stop all survey invitations to a customer', okReply);
  app.post('/v1/customers/:id/unsubscribe', secret, async (c) => {
    const services = c.get('services');
    await services.surveys.policies.unsubscribe(
      c.get('workspaceId'),
      c.req.param('id'),
      'api',
      services.now(),
    );
    return c.json({ ok: true });
  });
}
