import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { hashKey } from './keys.ts';
import { requireKey } from './auth.ts';
import type { AppEnv } from '../http-env.ts';
import { DomainError } from '../../platform/errors.ts';
import { errorResponses, errorSchema, security } from '../../platform/http/schemas.ts';
import {
  clearSessionCookie,
  cookiePrincipal,
  cookieSession,
  setSessionCookie,
  sessionToken,
} from './session-cookie.ts';
import { allowedOperations } from '../../platform/auth/authorize.ts';
import { OPERATION_ACCESS } from '../../platform/auth/access.ts';
import { sessionsOf } from './sessions.ts';
import { sessionReply, signInRequest, type SessionInfo } from './contract.ts';
import { SignInLimit } from './sign-in-limit.ts';
import type { Store } from '../../platform/store/port.ts';
import type { Principal } from '../../platform/auth/principal.ts';

/**
 * Dashboard sign-in: the workspace's secret key is exchanged once for an http-only session
 * cookie, so the key never sits in the browser's storage. The ingest key is refused: it is
 * meant for web pages and pipelines and must not open the workspace's data.
 */

const createSessionRoute = createRoute({
  method: 'post',
  path: '/v1/session',
  summary: 'Sign in to the dashboard: exchange the secret key for a session cookie',
  tags: ['session'],
  request: {
    body: {
      required: true,
      content: { 'application/json': { schema: signInRequest } },
    },
  },
  responses: {
    200: {
      description: 'signed in; the reply sets an http-only, Secure, SameSite=Strict cookie',
      content: { 'application/json': { schema: sessionReply } },
    },
    429: {
      description: `too many failed sign-ins from this address or for this workspace (Retry-After says when to try again)`,
      content: { 'application/json': { schema: errorSchema } },
    },
    ...errorResponses,
  },
});

const getSessionRoute = createRoute({
  method: 'get',
  path: '/v1/session',
  summary: 'The signed-in workspace, its data counts and its ingest keys (for the first-run screen)',
  tags: ['session'],
  security,
  middleware: [requireKey('secret')] as const,
  responses: {
    200: { description: 'the session', content: { 'application/json': { schema: sessionReply } } },
    ...errorResponses,
  },
});

const deleteSessionRoute = createRoute({
  method: 'delete',
  path: '/v1/session',
  summary: 'Sign out: end the session and clear its cookie',
  tags: ['session'],
  responses: {
    204: { description: 'signed out (also when there was no session)' },
    403: { description: 'not from the dashboard', content: { 'application/json': { schema: errorSchema } } },
  },
});

/** The session's workspace, who is signed in with which role, and what that role may call. */
export async function describeSession(
  c: Context<AppEnv>,
  workspaceId: string,
  expiresAt: number | null,
  signedIn?: Principal,
): Promise<SessionInfo> {
  const { store, people } = c.get('services');
  const workspace = await store.getWorkspace(workspaceId);
  const keys = await store.listKeys(workspaceId);
  const principal: Principal = signedIn ?? c.get('principal');
  const user = principal.kind === 'user' ? await people.users.byId(principal.id) : null;
  return {
    principal: {
      kind: principal.kind,
      id: principal.id,
      role: principal.role,
      email: user?.email ?? null,
      name: user?.name ?? null,
    },
    allowed: allowedOperations(principal, Object.keys(OPERATION_ACCESS)),
    workspace: { id: workspaceId, name: workspace?.name ?? workspaceId },
    expiresAt,
    counts: await store.counts(workspaceId),
    ingestKeys: keys
      .filter((k) => k.kind === 'ingest' && k.revokedAt === null)
      .map((k) => ({ prefix: k.prefix, createdAt: k.createdAt })),
  };
}

export function sessionRoutes(app: OpenAPIHono<AppEnv>, limits: { store: Store; now: () => number }) {
  const limit = new SignInLimit(limits.store, limits.now);
  app.openapi(createSessionRoute, async (c) => {
    const { key } = c.req.valid('json');
    const services = c.get('services');
    const now = services.now();
    await limit.check(c, key.trim());
    const record = await services.keys.authenticate(key.trim(), now);
    if (!record) {
      await limit.failed(c, key.trim());
      throw new DomainError('unauthorized', 'the key is not known or has been revoked');
    }
    if (record.kind !== 'secret') {
      throw new DomainError(
        'forbidden',
        'this is the write-only ingest key: it can send data but not read it; sign in with the secret key',
        { code: 'ingest_key' },
      );
    }
    const previous = sessionToken(c);
    if (previous) await sessionsOf(services).revoke(previous);
    const { token, session } = await sessionsOf(services).create(
      record.workspaceId,
      hashKey(key.trim()),
      now,
    );
    setSessionCookie(c, token, session);
    const role = await services.people.keyRole(record.id);
    const principal: Principal = { kind: 'key', id: record.id, workspace: record.workspaceId, role };
    return c.json(await describeSession(c, record.workspaceId, session.expiresAt, principal), 200);
  });

  app.openapi(getSessionRoute, async (c) => {
    const session = sessionToken(c) && !c.req.header('authorization') ? await cookiePrincipal(c) : null;
    return c.json(await describeSession(c, c.get('workspaceId'), session?.expiresAt ?? null), 200);
  });

  app.openapi(deleteSessionRoute, async (c) => {
    const token = sessionToken(c);
    if (token) {
      await cookieSession(c).catch((error: unknown) => {
        // An expired session is already gone; only a cross-origin sign-out is refused.
        if (error instanceof DomainError && error.kind === 'forbidden') throw error;
      });
      await sessionsOf(c.get('services')).revoke(token);
      await c.get('services').people.sessions.revoke(token);
    }
    clearSessionCookie(c);
    return c.body(null, 204);
  });
}
