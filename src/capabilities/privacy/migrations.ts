import type { MigrationRegistry } from '../../platform/store/migrations.ts';
import { ID } from '../../platform/store/postgres/types.ts';

/**
 * The privacy capability's own table (the audit log, suppressions and settings are the
 * platform's, platform/auth/audit-schema.ts): daily event counts that outlive raw events deleted
 * by retention. No customer column: they count events, not people.
 */
export const PRIVACY_MIGRATIONS: MigrationRegistry = [
  {
    id: 'privacy.event-daily-counts',
    duckdb: `
  CREATE TABLE event_daily_counts (
    workspace_id VARCHAR NOT NULL,
    day DATE NOT NULL,
    name VARCHAR NOT NULL,
    touchpoint VARCHAR NOT NULL,
    events BIGINT NOT NULL,
    PRIMARY KEY (workspace_id, day, name, touchpoint)
  );
    `,
    postgres: `
  CREATE TABLE event_daily_counts (
    workspace_id ${ID} NOT NULL,
    day date NOT NULL,
    name text NOT NULL,
    touchpoint ${ID} NOT NULL,
    events bigint NOT NULL,
    PRIMARY KEY (workspace_id, day, name, touchpoint)
  );
    `,
  },
];
