import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { isServerUrl } from '../platform/store/db-url.ts';

/**
 * A running server's note beside its database (`<db>.server.json`): where it listens, its pid, and a
 * token for this machine's CLI. The embedded database has one writer, so while a server holds it the
 * CLI reads through the server's HTTP API; the lock says that the file is held, and this note says
 * where and how to ask. The file is readable by the server's user only (mode 0600): whoever can read
 * it could read the database file anyway.
 */
export interface ServerNote {
  pid: number;
  url: string;
  workspace: string;
  /** Stands for a secret key of any workspace, for this server process's life (never stored). */
  token: string;
}

/**
 * A file kept beside the database (`<db>.<suffix>`). A server URL has no "beside", so its files
 * go under ./data, named after host, port and database but never the credentials.
 */
export function besideDatabase(db: string, suffix: string): string {
  if (!isServerUrl(db)) return `${db}.${suffix}`;
  const url = new URL(db);
  const name = [url.hostname, url.port || '5432', url.pathname.slice(1) || 'postgres'].join('-');
  mkdirSync('./data', { recursive: true });
  return `./data/postgres-${name.replace(/[^\w.-]+/g, '_')}.${suffix}`;
}

export const serverNotePath = (db: string) => besideDatabase(db, 'server.json');

export function writeServerNote(path: string, note: ServerNote): void {
  // Created 0600 under a temporary name and renamed, so the token is never readable by others and a
  // reader never sees half a note.
  const temporary = `${path}.${process.pid}.tmp`;
  rmSync(temporary, { force: true });
  writeFileSync(temporary, JSON.stringify(note) + '\n', { mode: 0o600 });
  renameSync(temporary, path);
}

/** The note, or null when there is none or it is not one (an older server's note has no token). */
export function readServerNote(path: string): ServerNote | null {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { pid, url, workspace, token } = value as Record<string, unknown>;
  if (typeof pid !== 'number' || typeof url !== 'string' || typeof workspace !== 'string') return null;
  if (typeof token !== 'string') return null;
  return { pid, url, workspace, token };
}
