import { isServerUrl } from './db-url.ts';
import type { MigrationRegistry } from './migrations.ts';
import type { Store } from './port.ts';

export { isServerUrl, redactDb } from './db-url.ts';

/**
 * Opens the store that `--db` names, with the capabilities' migrations the app composes
 * (src/capabilities/migrations.ts; platform cannot import capabilities, so they are handed in). Each adapter is loaded only when chosen, so the embedded
 * default never loads the PostgreSQL client and server mode never loads DuckDB's native module.
 */
export async function openStore(db: string, migrations: MigrationRegistry): Promise<Store> {
  if (isServerUrl(db)) {
    const { PostgresStore } = await import('./postgres/store.ts');
    return PostgresStore.open(db, migrations);
  }
  const { DuckDbStore } = await import('./duckdb/store.ts');
  return DuckDbStore.open(db, migrations);
}
