import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { ApiKeyRecord } from '../../platform/store/port.ts';
import { DomainError } from '../../platform/errors.ts';
import { errorResponses, errorSchema, security } from '../../platform/http/schemas.ts';
import type { AppEnv } from '../http-env.ts';
import { requireKey } from './auth.ts';
import { createdKeyReply, createKeyRequest, keyListReply } from './contract.ts';
import { createKey } from './keys.ts';
import { roleAllows } from '../../platform/auth/principal.ts';

/**
 * Key management while the server runs (issue #13, finding 12), for the secret key (or a dashboard
 * session) only: a key is shown once, in the reply that creates it; lists show prefixes. The last
 * live secret key cannot be revoked here, so the API cannot lock its own workspace out (the CLI on
 * a stopped server can, and can create one again: README, "Keys").
 */

const listRoute = createRoute({
  method: 'get',
  path: '/v1/keys',
  summary: "The workspace's API keys by prefix, live and revoked (never the keys themselves)",
  tags: ['keys'],
  security,
  middleware: [requireKey('secret')] as const,
  responses: {
    200: { description: 'the keys', content: { 'application/json': { schema: keyListReply } } },
    ...errorResponses,
  },
});

const createKeyRoute = createRoute({
  method: 'post',
  path: '/v1/keys',
  summary: 'Create an ingest or secret key; the reply is the only place the key is ever shown',
  tags: ['keys'],
  security,
  middleware: [requireKey('secret')] as const,
  request: { body: { required: true, content: { 'application/json': { schema: createKeyRequest } } } },
  responses: {
    201: { description: 'the new key', content: { 'application/json': { schema: createdKeyReply } } },
    ...errorResponses,
  },
});

const revokeRoute = createRoute({
  method: 'delete',
  path: '/v1/keys/{id}',
  summary: 'Revoke a key at once (its dashboard sessions end with it)',
  tags: ['keys'],
  security,
  middleware: [requireKey('secret')] as const,
  request: { params: z.object({ id: z.string().min(1).max(100) }) },
  responses: {
    204: { description: 'revoked' },
    404: {
      description: 'no live key with this id',
      content: { 'application/json': { schema: errorSchema } },
    },
    409: {
      description: 'the last live secret key: create another first',
      content: { 'application/json': { schema: errorSchema } },
    },
    ...errorResponses,
  },
});

const shown = (k: ApiKeyRecord) => ({
  id: k.id,
  kind: k.kind,
  prefix: k.prefix,
  createdAt: k.createdAt,
  revokedAt: k.revokedAt,
});

export function keyRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(listRoute, async (c) => {
    const keys = await c.get('services').store.listKeys(c.get('workspaceId'));
    return c.json({ keys: keys.map(shown) }, 200);
  });

  app.openapi(createKeyRoute, async (c) => {
    const { store, now, people } = c.get('services');
    const { kind, role } = c.req.valid('json');
    const creator = c.get('principal');
    const scope = role ?? creator.role;
    if (!roleAllows(creator.role, scope))
      throw new DomainError('forbidden', `a key cannot have more than its creator's role (${creator.role})`, {
        code: 'role_forbidden',
        issues: [{ path: 'role', code: 'too_high', message: `at most ${creator.role}` }],
      });
    // Each secret key made here records who made it and the role it acts with (keys made by the
    // CLI or the first start, before people existed, act as admin).
    const { key, record } = await createKey(store, c.get('workspaceId'), kind, now(), (r) =>
      people.keyScopeStatement(r.id, r.workspaceId, scope, `${creator.kind}:${creator.id}`),
    );
    return c.json({ ...shown(record), key }, 201);
  });

  app.openapi(revokeRoute, async (c) => {
    const services = c.get('services');
    const workspaceId = c.get('workspaceId');
    const { id } = c.req.valid('param');
    const live = (await services.store.listKeys(workspaceId)).filter((k) => k.revokedAt === null);
    const target = live.find((k) => k.id === id);
    if (!target) throw new DomainError('not_found', 'no live key with this id in this workspace');
    if (target.kind === 'secret' && live.filter((k) => k.kind === 'secret').length === 1) {
      throw new DomainError(
        'conflict',
        'this is the last live secret key: create another before revoking it',
        {
          code: 'last_secret_key',
        },
      );
    }
    await services.store.revokeKey(workspaceId, id, services.now());
    // This process's cache must not keep accepting it; other processes drop it within the cache's TTL.
    services.keys.forget();
    return c.body(null, 204);
  });
}
