import { ID } from '../store/postgres/types.ts';

/**
 * The audit log and the privacy tables the platform keeps for every capability, in both dialects
 * with the same columns in the same order.
 *
 * audit_log: append-only; `seq` orders entries within a workspace (ids are random), `diff` is the
 * JSON list of changed leaves of a configuration (null for other operations).
 * privacy_salts: one random salt per workspace for the suppression hashes.
 * privacy_suppressions: erased customers, by salted hash only (kind: customer, anonymous, email).
 * privacy_settings: the per-workspace retention periods (null = keep forever).
 */
export const PRIVACY_PLATFORM_SCHEMA = {
  duckdb: `
  CREATE TABLE audit_log (
    workspace_id VARCHAR NOT NULL,
    id VARCHAR NOT NULL,
    occurred_at TIMESTAMP NOT NULL,
    actor_kind VARCHAR NOT NULL,
    actor_id VARCHAR NOT NULL,
    operation VARCHAR NOT NULL,
    target VARCHAR,
    diff VARCHAR,
    ip VARCHAR,
    user_agent VARCHAR,
    PRIMARY KEY (workspace_id, id)
  );
  CREATE TABLE privacy_salts (
    workspace_id VARCHAR PRIMARY KEY,
    salt VARCHAR NOT NULL
  );
  CREATE TABLE privacy_suppressions (
    workspace_id VARCHAR NOT NULL,
    hash VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (workspace_id, hash)
  );
  CREATE TABLE privacy_settings (
    workspace_id VARCHAR PRIMARY KEY,
    events_retention_days INTEGER,
    comments_retention_days INTEGER,
    updated_at TIMESTAMP NOT NULL
  );
  `,
  postgres: `
  CREATE TABLE audit_log (
    workspace_id ${ID} NOT NULL,
    id ${ID} NOT NULL,
    occurred_at timestamptz NOT NULL,
    actor_kind text NOT NULL,
    actor_id text NOT NULL,
    operation text NOT NULL,
    target text,
    diff text,
    ip text,
    user_agent text,
    PRIMARY KEY (workspace_id, id)
  );
  CREATE INDEX audit_log_at ON audit_log (workspace_id, occurred_at);
  CREATE TABLE privacy_salts (
    workspace_id ${ID} PRIMARY KEY,
    salt text NOT NULL
  );
  CREATE TABLE privacy_suppressions (
    workspace_id ${ID} NOT NULL,
    hash text NOT NULL,
    kind text NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (workspace_id, hash)
  );
  CREATE TABLE privacy_settings (
    workspace_id ${ID} PRIMARY KEY,
    events_retention_days integer,
    comments_retention_days integer,
    updated_at timestamptz NOT NULL
  );
  `,
};
