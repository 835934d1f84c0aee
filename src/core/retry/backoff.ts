import { createHash } from 'node:crypto';

export interface BackoffOptions {
  /** Delay before the first retry. */
  baseMs: number;
  /** The longest delay between two attempts. */
  maxMs: number;
}

/**
 * Delay before attempt `attempt + 1` after `attempt` failures: doubling from `baseMs` up to
 * `maxMs`, spread by up to ±20 % with a jitter derived from `key`, so invitations that failed
 * together (the mail server was down) do not all come back in the same second.
 */
export function retryDelay(attempt: number, key: string, options: BackoffOptions): number {
  const raw = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, attempt - 1));
  const unit = createHash('sha256').update(`${key}:${attempt}`).digest().readUInt16BE(0) / 0xffff;
  return Math.round(raw * (0.8 + 0.4 * unit));
}
