import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Seals small secrets the database keeps (survey link-signing secrets) with a key kept outside
 * the database, so a copy of the data file alone cannot forge links (issue #13, finding 13).
 */
export interface Sealer {
  seal(plain: string): string;
  /** The plain text of a sealed value; throws when the key is not the one that sealed it. */
  open(sealed: string): string;
  /** Whether a stored value is sealed (values stored before sealing existed are plain). */
  isSealed(stored: string): boolean;
}

const PREFIX = 'sealed:v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** AES-256-GCM: the tag makes a wrong key or a changed value fail loudly instead of giving garbage. */
export function aesGcmSealer(key: Buffer): Sealer {
  if (key.length !== 32) throw new Error('the at-rest key must be 32 bytes');
  return {
    seal(plain) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
    },
    open(sealed) {
      if (!sealed.startsWith(PREFIX)) throw new Error('the value is not sealed');
      const bytes = Buffer.from(sealed.slice(PREFIX.length), 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
      decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      try {
        return Buffer.concat([
          decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)),
          decipher.final(),
        ]).toString('utf8');
      } catch (error) {
        throw new Error(
          'a secret in the database was sealed with another key: restore the key file that was beside the database (<db>.key)',
          { cause: error },
        );
      }
    },
    isSealed: (stored) => stored.startsWith(PREFIX),
  };
}
