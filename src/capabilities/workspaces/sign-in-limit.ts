import type { Context } from 'hono';
import { DomainError } from '../../platform/errors.ts';
import { clientAddress, TokenBuckets } from '../../platform/http/rate-limit.ts';
import type { Store } from '../../platform/store/port.ts';
import { KEY_PREFIX_LENGTH } from './keys.ts';

/**
 * Failed sign-ins allowed per minute. A key has 190 random bits, so guessing is hopeless anyway;
 * the limits keep a guessing script from costing the server and fill the log with one line instead
 * of thousands (issue #13, finding 11). A person who mistypes a key a few times is never limited.
 */
export const SIGN_IN_FAILURES_PER_ADDRESS = 10;
/** Across all addresses, for keys that carry a workspace's key prefix (a targeted guess). */
export const SIGN_IN_FAILURES_PER_WORKSPACE = 60;

/**
 * Counts failed sign-ins per client address and per workspace, and refuses further attempts with
 * 429 and Retry-After once either has used its minute's allowance. A wrong key names a workspace
 * when it starts with one of that workspace's key prefixes (the prefixes are shown in the
 * dashboard and the start-up banner, so a targeted guess starts with one).
 */
export class SignInLimit {
  private readonly byAddress: TokenBuckets;
  private readonly byWorkspace: TokenBuckets;

  constructor(
    private readonly store: Store,
    now: () => number,
  ) {
    this.byAddress = new TokenBuckets(SIGN_IN_FAILURES_PER_ADDRESS, now);
    this.byWorkspace = new TokenBuckets(SIGN_IN_FAILURES_PER_WORKSPACE, now);
  }

  private async workspaceOfPrefix(key: string): Promise<string | null> {
    const prefix = key.slice(0, KEY_PREFIX_LENGTH);
    for (const workspace of await this.store.listWorkspaces()) {
      const keys = await this.store.listKeys(workspace.id);
      if (keys.some((k) => k.prefix === prefix)) return workspace.id;
    }
    return null;
  }

  /** Throws 429 when this address, or the workspace the key names, has no attempts left. */
  async check(c: Context, key: string): Promise<void> {
    const address = clientAddress(c);
    let wait = this.byAddress.waitSeconds(address);
    if (wait > 0) this.refuse(c, wait, 'from this address');
    const workspace = await this.workspaceOfPrefix(key);
    wait = workspace ? this.byWorkspace.waitSeconds(workspace) : 0;
    if (wait > 0) this.refuse(c, wait, 'for this workspace');
  }

  async failed(c: Context, key: string): Promise<void> {
    this.byAddress.take(clientAddress(c));
    const workspace = await this.workspaceOfPrefix(key);
    if (workspace) this.byWorkspace.take(workspace);
  }

  private refuse(c: Context, wait: number, scope: string): never {
    throw new DomainError(
      'rate_limited',
      `too many failed sign-ins ${scope}; try again in ${wait} s (see Retry-After)`,
      { retryAfterSeconds: wait },
    );
  }
}
