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
 * Token buckets by key: `perMinute` tokens, refilled continuously. Kept in memory: a limit per
 * process is enough to stop one address (or one target) from hammering the server.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly refill: number;

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number,
  ) {
    this.refill = perMinute / 60_000;
  }

  private current(key: string) {
    const t = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.perMinute, at: t };
    // A clock that steps back (NTP, a test) must not drain the bucket.
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + Math.max(0, t - bucket.at) * this.refill);
    bucket.at = t;
    return bucket;
  }

  /** Seconds until `key` has a token again; 0 when it has one now. */
  waitSeconds(key: string): number {
    const bucket = this.current(key);
    return bucket.tokens >= 1 ? 0 : Math.ceil((1 - bucket.tokens) / this.refill / 1000);
  }

  /** Takes a token (the bucket may go empty, never below zero). */
  take(key: string): void {
    const bucket = this.current(key);
    bucket.tokens = Math.max(0, bucket.tokens - 1);
    if (this.buckets.size > 100_000) this.buckets.clear();
    this.buckets.set(key, bucket);
  }
}

/**
 * At most `perMinute` requests per client address, refilled continuously (a token bucket), so a
 * flood from one address gets 429 while everyone else is served.
 */
export function rateLimit(perMinute: number, now: () => number): MiddlewareHandler {
  const buckets = new TokenBuckets(perMinute, now);
  return async (c, next) => {
    const key = clientAddress(c);
    const wait = buckets.waitSeconds(key);
    if (wait > 0) {
      c.header('retry-after', String(wait));
      throw new DomainError('rate_limited', 'too many requests from this address; try again shortly');
    }
    buckets.take(key);
    await next();
  };
}
