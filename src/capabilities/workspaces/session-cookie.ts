import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../http-env.ts';
import { DomainError } from '../../platform/errors.ts';
import { SESSION_COOKIE, sessionsOf, type Session } from './sessions.ts';
import type { Principal } from '../../platform/auth/principal.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function setSessionCookie(
  c: Context<AppEnv>,
  token: string,
  session: Pick<Session, 'createdAt' | 'expiresAt'>,
): void {
  setCookie(c, SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    secure: true,
    sameSite: 'Strict',
    maxAge: Math.floor((session.expiresAt - session.createdAt) / 1000),
  });
}

export function clearSessionCookie(c: Context<AppEnv>): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', httpOnly: true, secure: true, sameSite: 'Strict' });
}

export function sessionToken(c: Context<AppEnv>): string | null {
  return getCookie(c, SESSION_COOKIE) || null;
}

/**
 * The session of the request's cookie, or null. A cookie rides along with any request the browser
 * makes, so a state-changing request must also come from our own pages: SameSite=Strict keeps
 * other sites out, and the Origin check keeps out other origins of the same site (another port).
 */
export async function cookieSession(c: Context<AppEnv>): Promise<Session | null> {
  const token = sessionToken(c);
  if (!token) return null;
  const services = c.get('services');
  const session = await sessionsOf(services).find(token, services.now());
  if (!session)
    throw new DomainError('unauthorized', 'the session has expired or ended; sign in again', {
      code: 'session_expired',
    });
  if (!SAFE_METHODS.has(c.req.method) && !sameOrigin(c)) {
    throw new DomainError('forbidden', 'a request signed in by cookie must come from the dashboard itself');
  }
  return session;
}

/**
 * Who the request's cookie signs in: a person (their session, people capability) or the secret
 * key a key session was made from; null without a cookie, 401 for an ended one, 403 for a
 * state-changing request from another origin.
 */
export async function cookiePrincipal(
  c: Context<AppEnv>,
): Promise<{ principal: Principal; expiresAt: number } | null> {
  const token = sessionToken(c);
  if (!token) return null;
  const services = c.get('services');
  const person = await services.people.principalOfSession(token);
  let found: { principal: Principal; expiresAt: number } | null = person
    ? { principal: person.principal, expiresAt: person.session.expiresAt }
    : null;
  if (!found) {
    const session = await sessionsOf(services).find(token, services.now());
    const keyRecord = session ? await services.store.findKeyByHash(session.keyHash) : null;
    if (session && keyRecord) {
      const role = await services.people.keyRole(keyRecord.id);
      found = {
        principal: { kind: 'key', id: keyRecord.id, workspace: session.workspaceId, role },
        expiresAt: session.expiresAt,
      };
    }
  }
  if (!found)
    throw new DomainError('unauthorized', 'the session has expired or ended; sign in again', {
      code: 'session_expired',
    });
  if (!SAFE_METHODS.has(c.req.method) && !sameOrigin(c)) {
    throw new DomainError('forbidden', 'a request signed in by cookie must come from the dashboard itself');
  }
  return found;
}

function sameOrigin(c: Context<AppEnv>): boolean {
  const origin = c.req.header('origin');
  if (origin) {
    try {
      return new URL(origin).host === new URL(c.req.url).host;
    } catch {
      return false;
    }
  }
  const site = c.req.header('sec-fetch-site');
  return site === undefined || site === 'same-origin';
}
