import type { Client } from './connect.ts';
import { APPLIED_TABLE, LEGACY_TABLE, planMigrations, type MigrationRegistry } from '../migrations.ts';

/** Any constant works; it only has to be the same in every cxloop process. */
const MIGRATION_LOCK = 7_400_215_001;

/**
 * Applies what the database has not recorded, all in one transaction. Several processes may
 * start at once against a new database: the advisory lock makes the others wait, then find
 * nothing to do.
 */
export async function migrate(sql: Client, registry: MigrationRegistry): Promise<void> {
  await sql.begin(async (tx) => {
    await tx.unsafe('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.unsafe(
      `CREATE TABLE IF NOT EXISTS ${APPLIED_TABLE} (id text PRIMARY KEY, applied_at timestamptz NOT NULL)`,
    );
    const applied = (await tx.unsafe<{ id: string }[]>(`SELECT id FROM ${APPLIED_TABLE}`)).map((r) => r.id);
    let legacy: number | undefined;
    if (applied.length === 0) {
      const [found] = await tx.unsafe<{ present: boolean }[]>(
        `SELECT to_regclass('${LEGACY_TABLE}') IS NOT NULL AS present`,
      );
      if (found?.present) {
        const [done] = await tx.unsafe<{ v: number | null }[]>(
          `SELECT max(version) AS v FROM ${LEGACY_TABLE}`,
        );
        legacy = done?.v ?? undefined;
      }
    }
    const plan = planMigrations(registry, applied, legacy);
    const record = `INSERT INTO ${APPLIED_TABLE} VALUES ($1, now())`;
    for (const id of plan.adopt) await tx.unsafe(record, [id]);
    for (const migration of plan.apply) {
      // Simple protocol: a migration is several statements in one string.
      if (migration.postgres.trim()) await tx.unsafe(migration.postgres).simple();
      await tx.unsafe(record, [migration.id]);
    }
  });
}
