import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits: a session token, a one-time link or an OIDC state. Stored only as its hash. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Tokens have 256 random bits, so SHA-256 is enough to keep them: there is nothing to brute-force. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newId(prefix: string): string {
  return prefix + randomBytes(8).toString('hex');
}
