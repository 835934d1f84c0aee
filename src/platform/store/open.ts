import { isServerUrl } from './db-url.ts';
import type { Store } from './port.ts';

export { isServerUrl, redactDb } from './db-url.ts';

/**
 * Opens the store that `--db` names. Each adapter is loaded only when chosen, so the embedded
 * default never loads the PostgreSQL client and server mode never loads DuckDB's native module.
 */
export async function openStore(db: string): Promise<Store> {
  if (isServerUrl(db)) {
    const { PostgresStore } = await import('./postgres/store.ts');
    return PostgresStore.open(db);
  }
  const { DuckDbStore } = await import('./duckdb/store.ts');
  return DuckDbStore.open(db);
}
