import type { Client } from './connect.ts';
import { MIGRATIONS } from './migrations.ts';

/** Any constant works; it only has to be the same in every cxloop process. */
const MIGRATION_LOCK = 7_400_215_001;

/**
 * Applies the missing migrations in one transaction. Several processes may start at once
 * against a new database: the advisory lock makes the others wait, then find nothing to do.
 */
export async function migrate(sql: Client): Promise<void> {
  await sql.begin(async (tx) => {
    await tx.unsafe('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.unsafe(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL)',
    );
    const [row] = await tx.unsafe('SELECT coalesce(max(version), 0) AS v FROM schema_migrations');
    const current = Number(row!.v);
    if (current > MIGRATIONS.length) {
      throw new Error(
        `the database schema is at version ${current}, newer than this cxloop knows (${MIGRATIONS.length}); upgrade cxloop`,
      );
    }
    for (let version = current + 1; version <= MIGRATIONS.length; version++) {
      // Simple protocol: a migration is several statements in one string.
      await tx.unsafe(MIGRATIONS[version - 1]!).simple();
      await tx.unsafe('INSERT INTO schema_migrations VALUES ($1, now())', [version]);
    }
  });
}
