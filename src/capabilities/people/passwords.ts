import { hash, verify } from '@node-rs/argon2';

/**
 * Argon2id with the library's defaults (19 MiB, 2 passes, 1 lane: OWASP's recommended minimum),
 * about 0.1 s per hash on this machine. The parameters are stored in each hash, so raising them
 * later still verifies old hashes.
 */
export function hashPassword(password: string): Promise<string> {
  // The library's default algorithm is Argon2id (its const enum cannot be named under verbatimModuleSyntax).
  return hash(password);
}

export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  // No hash (a user who has not set a password yet, or an unknown email): the same work is done
  // against a fixed hash, so the reply's timing does not tell whether the email exists.
  const target = stored ?? DUMMY_HASH;
  try {
    const ok = await verify(target, password);
    return ok && stored !== null;
  } catch {
    return false;
  }
}

/** An Argon2id hash of a random, discarded password, with the same parameters as hashPassword. */
const DUMMY_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$93cGHrlCTbG8k7Oymh0EHw$vzsTUSm0+6dS+4L0A1hi17cF3SytvcXKYch53m84g94';

/** At least 10 characters; at most 200 (Argon2 has no limit, the body does). */
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;
