import type { MigrationRegistry } from '../../platform/store/migrations.ts';
import { ID } from '../../platform/store/postgres/types.ts';

/**
 * The people capability's tables: users (one per email, across workspaces), their memberships
 * (a role per workspace), their dashboard sessions, one-time links (invitations, password resets,
 * sign-in links, the second step of a sign-in with TOTP) and the roles of keys people make.
 * Secrets are kept as hashes (session tokens, links) or sealed (TOTP secrets, where the store has
 * a sealing key); passwords as Argon2id hashes.
 */
export const PEOPLE_MIGRATIONS: MigrationRegistry = [
  {
    id: 'people.users',
    duckdb: `
  CREATE TABLE users (
    id VARCHAR PRIMARY KEY,
    email VARCHAR NOT NULL UNIQUE,
    name VARCHAR NOT NULL,
    password_hash VARCHAR,
    totp_secret VARCHAR,
    totp_enabled_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL
  );
  CREATE TABLE memberships (
    workspace_id VARCHAR NOT NULL,
    user_id VARCHAR NOT NULL,
    role VARCHAR NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (workspace_id, user_id)
  );
  CREATE TABLE user_sessions (
    token_hash VARCHAR PRIMARY KEY,
    user_id VARCHAR NOT NULL,
    workspace_id VARCHAR NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
  );
  CREATE TABLE one_time_links (
    token_hash VARCHAR PRIMARY KEY,
    purpose VARCHAR NOT NULL,
    workspace_id VARCHAR NOT NULL,
    user_id VARCHAR,
    email VARCHAR NOT NULL,
    role VARCHAR,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP
  );
  CREATE TABLE key_scopes (
    key_id VARCHAR PRIMARY KEY,
    workspace_id VARCHAR NOT NULL,
    role VARCHAR NOT NULL,
    created_by VARCHAR NOT NULL
  );
    `,
    postgres: `
  CREATE TABLE users (
    id ${ID} PRIMARY KEY,
    email text NOT NULL UNIQUE,
    name text NOT NULL,
    password_hash text,
    totp_secret text,
    totp_enabled_at timestamptz,
    created_at timestamptz NOT NULL
  );
  CREATE TABLE memberships (
    workspace_id ${ID} NOT NULL,
    user_id ${ID} NOT NULL,
    role text NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (workspace_id, user_id)
  );
  CREATE TABLE user_sessions (
    token_hash text PRIMARY KEY,
    user_id ${ID} NOT NULL,
    workspace_id ${ID} NOT NULL,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL
  );
  CREATE INDEX user_sessions_user ON user_sessions (user_id);
  CREATE TABLE one_time_links (
    token_hash text PRIMARY KEY,
    purpose text NOT NULL,
    workspace_id ${ID} NOT NULL,
    user_id ${ID},
    email text NOT NULL,
    role text,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    used_at timestamptz
  );
  CREATE TABLE key_scopes (
    key_id ${ID} PRIMARY KEY,
    workspace_id ${ID} NOT NULL,
    role text NOT NULL,
    created_by ${ID} NOT NULL
  );
    `,
  },
];
