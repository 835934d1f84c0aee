import type { MigrationRegistry } from './migrations.ts';
import { DUCKDB_SPELLINGS } from './postgres/duckdb-spellings.ts';
import { OUTBOX_SCHEMA as DUCKDB_OUTBOX } from './duckdb/outbox-schema.ts';
import { OUTBOX_SCHEMA as POSTGRES_OUTBOX } from './postgres/outbox-schema.ts';
import { JOBS_SCHEMA } from '../jobs/schema.ts';
import { MESSAGE_SENDS_SCHEMA } from '../messaging/schema.ts';
import { PRIVACY_PLATFORM_SCHEMA } from '../auth/audit-schema.ts';

/**
 * The platform's own tables, which every store has whatever capabilities the app composes: the
 * store runs these before the capabilities' migrations it is handed. Ids are stable forever.
 */
export const PLATFORM_MIGRATIONS: MigrationRegistry = [
  // DuckDB's names for a type, an aggregate and a function, so that one SQL text runs on both.
  { id: 'platform.duckdb-spellings', legacyVersion: 1, duckdb: '', postgres: DUCKDB_SPELLINGS },
  // Domain events written in the same transaction as their data, and where each subscriber is.
  { id: 'platform.outbox', legacyVersion: 4, duckdb: DUCKDB_OUTBOX, postgres: POSTGRES_OUTBOX },
  // Durable jobs, and the send log of the messaging channels.
  {
    id: 'platform.jobs-and-sends',
    legacyVersion: 5,
    duckdb: JOBS_SCHEMA.duckdb + MESSAGE_SENDS_SCHEMA.duckdb,
    postgres: JOBS_SCHEMA.postgres + MESSAGE_SENDS_SCHEMA.postgres,
  },
  // The audit log, erased customers' suppression hashes and retention settings (issue #16).
  {
    id: 'platform.audit-and-privacy',
    duckdb: PRIVACY_PLATFORM_SCHEMA.duckdb,
    postgres: PRIVACY_PLATFORM_SCHEMA.postgres,
  },
];
