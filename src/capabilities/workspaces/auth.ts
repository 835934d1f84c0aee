import type { Context, MiddlewareHandler } from 'hono';
import type { KeyKind } from '../../platform/store/port.ts';
import { DomainError } from '../../platform/errors.ts';
import type { AppEnv } from '../http-env.ts';
import { cookieSession } from './session-cookie.ts';
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
 * Lets a request through with a live key of one of the `kinds`; 401 for no or unknown key, 403 for the wrong kind.
 * Without a key header, the dashboard's session cookie stands for the secret key it was made from;
 * the running server's local token (server-note.ts) stands for a secret key of the named workspace.
 */
export function requireKey(...kinds: KeyKind[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    // `bodyKey`: a Segment-style write key sent in the JSON body, set by the ingest routes.
    const key = keyFromHeader(c.req.header('authorization')) ?? c.get('bodyKey') ?? null;
    const session = !key && kinds.includes('secret') ? await cookieSession(c) : null;
    if (session) {
      c.set('workspaceId', session.workspaceId);
      c.set('keyKind', 'secret');
      return next();
    }
    if (!key)
      throw new DomainError(
        'unauthorized',
        'send your key as "Authorization: Bearer KEY", as the Basic user name, or (ingest) as "writeKey" in the body',
      );
    const services = c.get('services');
    if (kinds.includes('secret') && services.keys.isLocalToken(key)) {
      const workspaceId = await localWorkspace(c);
      c.set('workspaceId', workspaceId);
      c.set('keyKind', 'secret');
      c.header(LOCAL_WORKSPACE_HEADER, workspaceId);
      return next();
    }
    const record = await services.keys.authenticate(key, services.now());
    if (!record) throw new DomainError('unauthorized', 'the key is not known or has been revoked');
    if (!kinds.includes(record.kind)) {
      throw new DomainError(
        'forbidden',
        `${record.kind === 'ingest' ? 'an ingest' : 'a secret'} key cannot do this; it needs a ${kinds.join(' or ')} key`,
      );
    }
    c.set('workspaceId', record.workspaceId);
    c.set('keyKind', record.kind);
    await next();
  };
}
