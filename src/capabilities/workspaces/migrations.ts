import type { MigrationRegistry } from '../../platform/store/migrations.ts';
import { ID } from '../../platform/store/postgres/types.ts';

/** The workspaces capability's tables: workspaces, their API keys, dashboard sign-ins. */
export const WORKSPACES_MIGRATIONS: MigrationRegistry = [
  {
    id: 'workspaces.keys',
    legacyVersion: 1,
    duckdb: `
  CREATE TABLE workspaces (
    id VARCHAR PRIMARY KEY,
    name VARCHAR NOT NULL,
    created_at TIMESTAMP NOT NULL
  );
  CREATE TABLE api_keys (
    id VARCHAR PRIMARY KEY,
    workspace_id VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    hash VARCHAR NOT NULL UNIQUE,
    prefix VARCHAR NOT NULL,
    created_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP
  );
    `,
    postgres: `
  CREATE TABLE workspaces (
    id ${ID} PRIMARY KEY,
    name text NOT NULL,
    created_at timestamptz NOT NULL
  );
  CREATE TABLE api_keys (
    id ${ID} PRIMARY KEY,
    workspace_id ${ID} NOT NULL,
    kind text NOT NULL,
    hash text NOT NULL UNIQUE,
    prefix text NOT NULL,
    created_at timestamptz NOT NULL,
    revoked_at timestamptz
  );
  CREATE INDEX api_keys_workspace ON api_keys (workspace_id);
    `,
  },
  // Dashboard sign-ins, by the hash of their cookie's token, so every server process knows them.
  {
    id: 'workspaces.dashboard-sessions',
    legacyVersion: 3,
    duckdb: `
  CREATE TABLE dashboard_sessions (
    token_hash VARCHAR PRIMARY KEY,
    workspace_id VARCHAR NOT NULL,
    key_hash VARCHAR NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
  );
    `,
    postgres: `
  CREATE TABLE dashboard_sessions (
    token_hash text PRIMARY KEY,
    workspace_id ${ID} NOT NULL,
    key_hash text NOT NULL,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL
  );
  CREATE INDEX dashboard_sessions_expiry ON dashboard_sessions (expires_at);
    `,
  },
];
