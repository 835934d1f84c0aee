import { ID } from '../store/postgres/types.ts';

/**
 * The durable jobs table, in both dialects with the same columns in the same order (the store's
 * migration lists hold both at the same version). A row is a timer: it runs when `run_at` has
 * passed, under a lease while running, and keeps its attempts and last error. The idempotency
 * key is unique per workspace, so an enqueue repeated after a crash or a retried request stores
 * one job; jobs without a key (NULL) never collide.
 */
export const JOBS_SCHEMA = {
  duckdb: `
  CREATE TABLE jobs (
    workspace_id VARCHAR NOT NULL,
    id VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    payload JSON NOT NULL,
    idempotency_key VARCHAR,
    status VARCHAR NOT NULL,
    run_at TIMESTAMP NOT NULL,
    attempts INTEGER NOT NULL,
    max_attempts INTEGER NOT NULL,
    lease_until TIMESTAMP,
    last_error VARCHAR,
    created_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    PRIMARY KEY (workspace_id, id),
    UNIQUE (workspace_id, idempotency_key)
  );
  `,
  postgres: `
  CREATE TABLE jobs (
    workspace_id ${ID} NOT NULL,
    id ${ID} NOT NULL,
    name ${ID} NOT NULL,
    payload json NOT NULL,
    idempotency_key ${ID},
    status text NOT NULL,
    run_at timestamptz NOT NULL,
    attempts integer NOT NULL,
    max_attempts integer NOT NULL,
    lease_until timestamptz,
    last_error text,
    created_at timestamptz NOT NULL,
    finished_at timestamptz,
    PRIMARY KEY (workspace_id, id),
    UNIQUE (workspace_id, idempotency_key)
  );
  -- The claim looks for due queued jobs and lapsed leases, oldest first.
  CREATE INDEX jobs_due ON jobs (run_at) WHERE status IN ('queued', 'running');
  `,
};
