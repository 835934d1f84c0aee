import { randomBytes } from 'node:crypto';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';

/** Where the key that seals a database's secrets lives: beside the file, never inside it. */
export const atRestKeyPath = (path: string) => `${path}.key`;

/**
 * The 32-byte key for the database at `path`: read from `<path>.key`, or made at first start
 * (mode 0600, created exclusively so two processes starting at once cannot write different keys:
 * the loser reads the winner's). An in-memory database gets a key for this process only, since
 * its data ends with the process too. Backups must copy the key file with the database.
 */
export function atRestKey(path: string): Buffer {
  if (path === ':memory:') return randomBytes(32);
  const file = atRestKeyPath(path);
  try {
    writeFileSync(file, `${randomBytes(32).toString('base64url')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    chmodSync(file, 0o600); // one made by hand or copied from a backup
  }
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64url');
  if (key.length !== 32)
    throw new Error(`${file} does not hold a 32-byte key (base64url); restore it from a backup`);
  return key;
}
