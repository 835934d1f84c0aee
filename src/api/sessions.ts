import { createHash, randomBytes } from 'node:crypto';
import type { Store } from '../store/port.ts';

/** Dashboard sign-ins last a working day; signing in again is one paste of the key. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
export const SESSION_COOKIE = 'cxloop_session';

/** How long a session trusts that its key is still live before asking the store again. */
const KEY_RECHECK_MS = 30_000;
const MAX_SESSIONS = 10_000;

export interface Session {
  workspaceId: string;
  /** hash of the secret key the session was made from: revoking the key ends the session */
  keyHash: string;
  createdAt: number;
  expiresAt: number;
  keyCheckedAt: number;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Dashboard sessions, kept server-side by the hash of their token (the cookie holds the token
 * only), each with a fixed expiry. Sessions live in this process's memory: a restart signs
 * everyone out, which is the safe failure, and several processes each keep their own.
 */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly ttlMs = SESSION_TTL_MS) {}

  create(workspaceId: string, keyHash: string, now: number): { token: string; session: Session } {
    this.sweep(now);
    // Bounded memory: past the cap the oldest sessions go first (a Map iterates in insertion order).
    while (this.sessions.size >= MAX_SESSIONS) {
      const oldest = this.sessions.keys().next().value;
      if (oldest === undefined) break;
      this.sessions.delete(oldest);
    }
    const token = randomBytes(32).toString('base64url');
    const session = { workspaceId, keyHash, createdAt: now, expiresAt: now + this.ttlMs, keyCheckedAt: now };
    this.sessions.set(hashToken(token), session);
    return { token, session };
  }

  /** The live session for a token: unexpired, and made from a key that is still not revoked. */
  async find(token: string, now: number, store: Store): Promise<Session | null> {
    const hash = hashToken(token);
    const session = this.sessions.get(hash);
    if (!session) return null;
    if (session.expiresAt <= now) {
      this.sessions.delete(hash);
      return null;
    }
    if (now - session.keyCheckedAt > KEY_RECHECK_MS) {
      const key = await store.findKeyByHash(session.keyHash);
      if (!key || key.revokedAt !== null) {
        this.sessions.delete(hash);
        return null;
      }
      session.keyCheckedAt = now;
    }
    return session;
  }

  revoke(token: string): void {
    this.sessions.delete(hashToken(token));
  }

  private sweep(now: number): void {
    for (const [hash, session] of this.sessions) if (session.expiresAt <= now) this.sessions.delete(hash);
  }
}

// One session store per services object, so that every app over the same services shares it
// without the services having to know about dashboard sessions.
const stores = new WeakMap<object, SessionStore>();

export function sessionsOf(services: object): SessionStore {
  let sessions = stores.get(services);
  if (!sessions) {
    sessions = new SessionStore();
    stores.set(services, sessions);
  }
  return sessions;
}
