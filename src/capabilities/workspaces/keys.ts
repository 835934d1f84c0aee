import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ApiKeyRecord, KeyKind, SqlStatement, Store } from '../../platform/store/port.ts';

const PREFIX: Record<KeyKind, string> = { ingest: 'cx_ingest_', secret: 'cx_secret_' };

/** A key's shown prefix: its kind's 10 characters and 6 random ones (36 bits: identifies, never opens). */
export const KEY_PREFIX_LENGTH = 16;

/** Keys are 190 random bits, so a plain SHA-256 is enough to store them: there is nothing to brute-force. */
export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export function kindOfKey(key: string): KeyKind | null {
  if (key.startsWith(PREFIX.ingest)) return 'ingest';
  if (key.startsWith(PREFIX.secret)) return 'secret';
  return null;
}

export async function createKey(
  store: Store,
  workspaceId: string,
  kind: KeyKind,
  now: number,
  /** Written before the key, so that a key never exists without it (a key's scope, people capability). */
  before?: (record: ApiKeyRecord) => SqlStatement,
): Promise<{ key: string; record: ApiKeyRecord }> {
  const key = PREFIX[kind] + randomBytes(24).toString('base64url');
  const record: ApiKeyRecord = {
    id: 'key_' + randomBytes(6).toString('hex'),
    workspaceId,
    kind,
    prefix: key.slice(0, KEY_PREFIX_LENGTH),
    createdAt: now,
    revokedAt: null,
  };
  if (before) await store.write([before(record)]);
  await store.insertKey(record, hashKey(key));
  return { key, record };
}

/**
 * Looks keys up by hash, caching answers briefly: ingest at 100k events/s must not hit the
 * database for every request. A revocation in this process clears the cache at once; one made
 * elsewhere takes effect within `ttlMs`.
 */
export class KeyAuthenticator {
  private cache = new Map<string, { record: ApiKeyRecord | null; until: number }>();

  private readonly localTokenHash: Buffer | null;

  /**
   * `localToken`: the running server's token for the CLI on this machine (see server-note.ts); it
   * stands for a secret key of the workspace the request names, and lives only in this process.
   */
  constructor(
    private readonly store: Store,
    private readonly ttlMs = 30_000,
    localToken?: string,
  ) {
    this.localTokenHash = localToken ? createHash('sha256').update(localToken).digest() : null;
  }

  /** Compared through hashes of equal length, so the answer's timing says nothing about the token. */
  isLocalToken(key: string): boolean {
    if (!this.localTokenHash) return false;
    return timingSafeEqual(createHash('sha256').update(key).digest(), this.localTokenHash);
  }

  async authenticate(key: string, now: number): Promise<ApiKeyRecord | null> {
    const hash = hashKey(key);
    const hit = this.cache.get(hash);
    if (hit && hit.until > now) return hit.record;
    const found = await this.store.findKeyByHash(hash);
    const record = found && found.revokedAt === null ? found : null;
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(hash, { record, until: now + this.ttlMs });
    return record;
  }

  forget(): void {
    this.cache.clear();
  }
}
