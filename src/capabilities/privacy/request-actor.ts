import type { Context } from 'hono';
import type { Requester } from './service.ts';
import type { AppEnv } from '../http-env.ts';
import { clientAddress } from '../../platform/http/rate-limit.ts';
import { keyFromHeader } from '../workspaces/auth.ts';
import { hashKey } from '../workspaces/keys.ts';
import { cookieSession } from '../workspaces/session-cookie.ts';

/**
 * Who made a request, for the audit log, from what it carries today: an API key (by id), the
 * dashboard session (the key it was made from), or the running server's local token. When users
 * and `platform/auth/principal.ts` land (issue #16 part A), this one function reads the principal
 * instead: every audit entry of a request gets its actor here.
 */
export async function requestActor(c: Context<AppEnv>): Promise<Requester> {
  const services = c.get('services');
  const origin = {
    ip: clientAddress(c) === 'local' ? null : clientAddress(c),
    userAgent: c.req.header('user-agent') ?? null,
  };
  const key = keyFromHeader(c.req.header('authorization'));
  if (key && services.keys.isLocalToken(key)) return { actor: { kind: 'local', id: 'local-token' }, origin };
  const hash = key ? hashKey(key) : (await cookieSession(c).catch(() => null))?.keyHash;
  const record = hash ? await services.store.findKeyByHash(hash) : null;
  return { actor: { kind: 'key', id: record?.id ?? 'unknown' }, origin };
}
