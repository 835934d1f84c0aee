import type { Context } from 'hono';
import { DomainError } from '../../platform/errors.ts';
import { clientAddress, TokenBuckets } from '../../platform/http/rate-limit.ts';
import { normalEmail } from './users.ts';

/**
 * Failed password sign-ins allowed per minute: 10 from one address (a person who mistypes is never
 * held), 5 for one email from anywhere (a guessing script spread over addresses). Argon2id makes
 * each guess cost 0.1 s of the server's CPU, so the limit also keeps a script from tying it up.
 * The refusal is the same whether the email exists or not.
 */
export const PASSWORD_FAILURES_PER_ADDRESS = 10;
export const PASSWORD_FAILURES_PER_EMAIL = 5;

export class PasswordLimit {
  private readonly byAddress: TokenBuckets;
  private readonly byEmail: TokenBuckets;

  constructor(now: () => number) {
    this.byAddress = new TokenBuckets(PASSWORD_FAILURES_PER_ADDRESS, now);
    this.byEmail = new TokenBuckets(PASSWORD_FAILURES_PER_EMAIL, now);
  }

  check(c: Context, email: string): void {
    const wait = Math.max(
      this.byAddress.waitSeconds(clientAddress(c)),
      this.byEmail.waitSeconds(normalEmail(email)),
    );
    if (wait > 0)
      throw new DomainError(
        'rate_limited',
        `too many failed sign-ins; try again in ${wait} s (see Retry-After)`,
        {
          retryAfterSeconds: wait,
        },
      );
  }

  failed(c: Context, email: string): void {
    this.byAddress.take(clientAddress(c));
    this.byEmail.take(normalEmail(email));
  }
}
