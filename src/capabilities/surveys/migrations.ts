import type { MigrationRegistry } from '../../platform/store/migrations.ts';
import { SURVEYS_SCHEMA as DUCKDB } from './schema/duckdb.ts';
import { SURVEYS_SCHEMA as POSTGRES } from './schema/postgres.ts';

/** The surveys capability's tables: definitions, invitations (the delivery outbox), answers, policy. */
export const SURVEYS_MIGRATIONS: MigrationRegistry = [
  { id: 'surveys.tables', legacyVersion: 2, duckdb: DUCKDB, postgres: POSTGRES },
];
