import type { Context, MiddlewareHandler, Next } from 'hono';
import { routePath } from 'hono/route';
import type { KeyKind } from '../../platform/store/port.ts';
import { DomainError } from '../../platform/errors.ts';
import type { AppEnv } from '../http-env.ts';
import { cookiePrincipal } from './session-cookie.ts';
import { authorize } from '../../platform/auth/authorize.ts';
import { operationOf, operationOfRequest } from '../../platform/auth/access.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { LOCAL_WORKSPACE_HEADER } from './local-header.ts';

/**
 * Reads the key from `Authorization: Bearer KEY` or HTTP Basic with the key as the user name
 * (how Segment and RudderStack sources send their write key).
 */
export function keyFromHeader(header: string | undefined): string | null {
  if (!header) return null;
  const [scheme, value] = header.split(' ', 2);
  if (!value) return null;
  if (scheme?.toLowerCase() === 'bearer') return value.trim();
  if (scheme?.toLowerCase() === 'basic') {
    const decoded = Buffer.from(value.trim(), 'base64').toString('utf8');
    const user = decoded.split(':', 1)[0];
    return user || null;
  }
  return null;
}

/**
 * The workspace of a request made with the local token: the one the header names, else the first
 * one, as the CLI picks it when it opens the database itself. Never created here: these requests
 * come from read-only commands.
 */
async function localWorkspace(c: Context<AppEnv>): Promise<string> {
  const store = c.get('services').store;
  const named = c.req.header(LOCAL_WORKSPACE_HEADER);
  const workspace = named ? await store.getWorkspace(named) : (await store.listWorkspaces())[0];
  if (!workspace)
    throw new DomainError('not_found', named ? `no workspace "${named}"` : 'there is no workspace yet');
  return workspace.id;
}

/**
 * Lets a request through with a live key of one of the `kinds`, a dashboard session (standing for
 * a secret key), or the running server's local token (server-note.ts, a secret key of the named
 * workspace); 401 for no or unknown credentials, 403 for the wrong kind. Then the one role check
 * (platform/auth/authorize.ts, from the table platform/auth/access.ts) for the route's operation:
 * 403 naming the operation and the role it needs. Sets `principal`, `workspaceId` and `keyKind`.
 */
export function requireKey(...kinds: KeyKind[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    // `bodyKey`: a Segment-style write key sent in the JSON body, set by the ingest routes.
    const key = keyFromHeader(c.req.header('authorization')) ?? c.get('bodyKey') ?? null;
    const signedIn = !key && kinds.includes('secret') ? await cookiePrincipal(c) : null;
    if (signedIn) return admit(c, signedIn.principal, 'secret', next);
    if (!key)
      throw new DomainError(
        'unauthorized',
        'send your key as "Authorization: Bearer KEY", as the Basic user name, or (ingest) as "writeKey" in the body',
      );
    const services = c.get('services');
    if (kinds.includes('secret') && services.keys.isLocalToken(key)) {
      const workspaceId = await localWorkspace(c);
      c.header(LOCAL_WORKSPACE_HEADER, workspaceId);
      // Whoever holds the local token can read the server's note beside the database file: the machine's operator.
      return admit(c, { kind: 'local', id: 'local', workspace: workspaceId, role: 'admin' }, 'secret', next);
    }
    const record = await services.keys.authenticate(key, services.now());
    if (!record) throw new DomainError('unauthorized', 'the key is not known or has been revoked');
    if (!kinds.includes(record.kind)) {
      throw new DomainError(
        'forbidden',
        `${record.kind === 'ingest' ? 'an ingest' : 'a secret'} key cannot do this; it needs a ${kinds.join(' or ')} key`,
      );
    }
    // An ingest key has no role: it reaches the `ingest` operations only (authorize checks it).
    const role = record.kind === 'ingest' ? 'viewer' : await services.people.keyRole(record.id);
    return admit(c, { kind: 'key', id: record.id, workspace: record.workspaceId, role }, record.kind, next);
  };
}

async function admit(c: Context<AppEnv>, principal: Principal, kind: KeyKind, next: Next) {
  // Middleware on a wildcard (the audit trail) checks before the router has matched the route.
  const route = routePath(c);
  const operation = route.includes('*')
    ? (operationOfRequest(c.req.method, c.req.path) ?? operationOf(c.req.method, route))
    : operationOf(c.req.method, route);
  authorize(principal, operation, kind === 'ingest');
  c.set('principal', principal);
  c.set('workspaceId', principal.workspace);
  c.set('keyKind', kind);
  await next();
}
