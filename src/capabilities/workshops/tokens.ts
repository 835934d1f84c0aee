import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes: a join link nobody can guess or enumerate. */
export const newToken = (): string => randomBytes(32).toString('base64url');

/**
 * Tokens and participant keys are stored as SHA-256 hashes. A plain hash suffices (no salt, no
 * slow hash): they are 256-bit random values, not passwords a dictionary could find.
 */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');
