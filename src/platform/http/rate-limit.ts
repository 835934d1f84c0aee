import type { Context, MiddlewareHandler } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { DomainError } from '../errors.ts';

/** The client's address from the socket; in-process requests (tests) have none and share one bucket. */
export function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'local';
  } catch {
    return 'local';
  }
}

/**
 * At most `perMinute` requests per client address, refilled continuously (a token bucket), so a
 * flood from one address gets 429 while everyone else is served. Kept in memory: a limit per
 * process is enough to stop one address from hammering public pages.
 */
export function rateLimit(perMinute: number, now: () => number): MiddlewareHandler {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const refill = perMinute / 60_000;
  return async (c, next) => {
    const key = clientAddress(c);
    const t = now();
    const bucket = buckets.get(key) ?? { tokens: perMinute, at: t };
    // A clock that steps back (NTP, a test) must not drain the bucket.
    bucket.tokens = Math.min(perMinute, bucket.tokens + Math.max(0, t - bucket.at) * refill);
    bucket.at = t;
    if (bucket.tokens < 1) {
      c.header('retry-after', String(Math.ceil((1 - bucket.tokens) / refill / 1000)));
      throw new DomainError('rate_limited', 'too many requests from this address; try again shortly');
    }
    bucket.tokens -= 1;
    if (buckets.size > 100_000) buckets.clear();
    buckets.set(key, bucket);
    await next();
  };
}
