import { DomainError } from '../errors.ts';

/**
 * One schema change, for both dialects side by side, so the two can never drift apart by
 * position. Each capability lists its own in `src/capabilities/<name>/migrations.ts`; the
 * platform's tables are in PLATFORM_MIGRATIONS (platform/store/platform-migrations.ts).
 */
export interface Migration {
  /** Stable forever once released: `<capability>.<what>`, recorded in `applied_migrations`. */
  id: string;
  duckdb: string;
  postgres: string;
  /**
   * The version of the old per-dialect lists (`schema_migrations`) that created these tables,
   * for databases made before the registry; absent for every migration written since.
   */
  legacyVersion?: number;
}

export type MigrationRegistry = readonly Migration[];

/** The table that records applied migrations by id (replacing `schema_migrations`' numbers). */
export const APPLIED_TABLE = 'applied_migrations';
/** The numbered table of the lists before the registry; read once to convert, never written. */
export const LEGACY_TABLE = 'schema_migrations';

export interface MigrationPlan {
  /** Ids to record as applied without running them: a pre-registry database already has them. */
  adopt: string[];
  /** What to run, in registry order. */
  apply: Migration[];
}

/**
 * What opening a database must do, from what it records. `applied` are the recorded ids;
 * `legacyVersion` is max(version) of `schema_migrations` when the database predates the registry
 * and has recorded no id yet. A database that records what this cxloop does not know was written
 * by a newer one: refused, since running older code on a newer schema can lose data.
 */
export function planMigrations(
  registry: MigrationRegistry,
  applied: readonly string[],
  legacyVersion: number | undefined,
): MigrationPlan {
  const ids = new Set<string>();
  for (const m of registry) {
    if (ids.has(m.id)) throw new Error(`migration id ${m.id} is listed twice`);
    ids.add(m.id);
  }
  const known = Math.max(0, ...registry.map((m) => m.legacyVersion ?? 0));
  if (legacyVersion !== undefined && legacyVersion > known) throw tooNew([`schema version ${legacyVersion}`]);
  const unknown = applied.filter((id) => !ids.has(id));
  if (unknown.length) throw tooNew(unknown);
  const adopt =
    legacyVersion === undefined
      ? []
      : registry
          .filter((m) => m.legacyVersion !== undefined && m.legacyVersion <= legacyVersion)
          .map((m) => m.id);
  const done = new Set([...applied, ...adopt]);
  return { adopt, apply: registry.filter((m) => !done.has(m.id)) };
}

function tooNew(what: string[]): DomainError {
  return new DomainError(
    'conflict',
    `the database was written by a newer cxloop (it has ${what.join(', ')}, which this one does not know); upgrade cxloop to open it`,
    { code: 'schema_too_new' },
  );
}
