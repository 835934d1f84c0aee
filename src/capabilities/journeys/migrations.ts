import type { MigrationRegistry } from '../../platform/store/migrations.ts';
import { ID } from '../../platform/store/postgres/types.ts';

/**
 * The journeys capability's table: one journey map per workspace, as the document it was written
 * as (json on PostgreSQL, so it comes back exactly as written).
 */
export const JOURNEYS_MIGRATIONS: MigrationRegistry = [
  {
    id: 'journeys.map',
    legacyVersion: 1,
    duckdb: `
  CREATE TABLE journeys (
    workspace_id VARCHAR PRIMARY KEY,
    doc JSON NOT NULL,
    updated_at TIMESTAMP NOT NULL
  );
    `,
    postgres: `
  CREATE TABLE journeys (
    workspace_id ${ID} PRIMARY KEY,
    doc json NOT NULL,
    updated_at timestamptz NOT NULL
  );
    `,
  },
];
