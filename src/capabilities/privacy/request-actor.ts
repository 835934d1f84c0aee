import type { Context } from 'hono';
import type { Actor, Origin } from '../../platform/auth/audit.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import type { Requester } from './service.ts';
import type { AppEnv } from '../http-env.ts';
import { clientAddress } from '../../platform/http/rate-limit.ts';

/** Where a request came from: its address (none for the server's own loopback calls) and browser. */
export function requestOrigin(c: Context<AppEnv>): Origin {
  const address = clientAddress(c);
  return { ip: address === 'local' ? null : address, userAgent: c.req.header('user-agent') ?? null };
}

/**
 * The audit log's actor for a principal: the person (a user's id) when someone signed in with
 * email and password or a link; the key's id for an API key or a session made from one;
 * `local` for the running server's local token (the CLI on the server's machine).
 */
export function actorOf(principal: Pick<Principal, 'kind' | 'id'>): Actor {
  return { kind: principal.kind, id: principal.id };
}

/**
 * Who made an authenticated request, for the audit log: the principal that `requireKey` proved
 * (every audited route runs it first), so an entry names the person, not the shared key.
 */
export function requestActor(c: Context<AppEnv>): Requester {
  const principal = c.get('principal') as Principal | undefined;
  // Unreachable on audited routes (requireKey ran); an entry is still better than none.
  return { actor: principal ? actorOf(principal) : { kind: 'key', id: 'unknown' }, origin: requestOrigin(c) };
}
