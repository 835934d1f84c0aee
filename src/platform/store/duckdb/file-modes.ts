import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { isMainThread } from 'node:worker_threads';

/**
 * The database file holds customer data, so it and every sibling DuckDB makes (the `.wal`, the
 * `.tmp` spill folder) are the owner's alone (issue #13, finding 13: the file was 0644). DuckDB
 * creates those files itself, later and under names of its own, so the process's umask is
 * tightened rather than chmod-ing after the fact (a window in which they are readable). This makes
 * every file this process creates afterwards owner-only, which suits a process that writes
 * customer data (exports, rejects files). Files made by an earlier version are corrected here.
 */
export function ownerOnlyDatabaseFiles(path: string): void {
  // Worker threads may not change the umask; the main thread has done it before starting them.
  if (isMainThread) process.umask(process.umask(0o077) | 0o077);
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  for (const file of [path, `${path}.wal`, `${path}.tmp`]) {
    if (existsSync(file)) chmodSync(file, file.endsWith('.tmp') ? 0o700 : 0o600);
  }
}
