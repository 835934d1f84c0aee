/**
 * DuckDB schema, one entry per version; applied in order inside one transaction each.
 * DuckDB has no jsonb, identity or bigserial, so this list is DuckDB's own (see DESIGN.md).
 * Times are UTC TIMESTAMPs. Every data table starts with workspace_id.
 */
export const MIGRATIONS: string[] = [
  `
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
  CREATE TABLE journeys (
    workspace_id VARCHAR PRIMARY KEY,
    doc JSON NOT NULL,
    updated_at TIMESTAMP NOT NULL
  );
  CREATE TABLE customers (
    workspace_id VARCHAR NOT NULL,
    id VARCHAR NOT NULL,
    traits JSON,
    first_seen TIMESTAMP,
    last_seen TIMESTAMP,
    PRIMARY KEY (workspace_id, id)
  );
  -- Anonymous ids merged into a customer by identify; events keep the id they were sent with.
  CREATE TABLE aliases (
    workspace_id VARCHAR NOT NULL,
    anonymous_id VARCHAR NOT NULL,
    customer_id VARCHAR NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (workspace_id, anonymous_id)
  );
  CREATE TABLE events (
    workspace_id VARCHAR NOT NULL,
    id VARCHAR NOT NULL,
    customer_id VARCHAR,
    anonymous_id VARCHAR,
    name VARCHAR NOT NULL,
    touchpoint VARCHAR,
    ts TIMESTAMP NOT NULL,
    received_at TIMESTAMP NOT NULL,
    properties JSON,
    context JSON,
    PRIMARY KEY (workspace_id, id)
  );
  CREATE TABLE feedback (
    workspace_id VARCHAR NOT NULL,
    id VARCHAR NOT NULL,
    customer_id VARCHAR NOT NULL,
    touchpoint VARCHAR NOT NULL,
    metric VARCHAR NOT NULL,
    score DOUBLE NOT NULL,
    scale_min INTEGER NOT NULL,
    scale_max INTEGER NOT NULL,
    comment VARCHAR,
    ts TIMESTAMP NOT NULL,
    received_at TIMESTAMP NOT NULL,
    source VARCHAR NOT NULL,
    PRIMARY KEY (workspace_id, id)
  );
  `,
];

/** Staging tables live in the temp schema of the writer connection: rows land here first, then move
 * into the real tables with ON CONFLICT DO NOTHING, which is what makes retries idempotent. */
export const STAGING = `
  CREATE TEMP TABLE IF NOT EXISTS stage_events (
    id VARCHAR, customer_id VARCHAR, anonymous_id VARCHAR, name VARCHAR, touchpoint VARCHAR,
    ts TIMESTAMP, received_at TIMESTAMP, properties VARCHAR, context VARCHAR
  );
  CREATE TEMP TABLE IF NOT EXISTS stage_feedback (
    id VARCHAR, customer_id VARCHAR, touchpoint VARCHAR, metric VARCHAR, score DOUBLE,
    scale_min INTEGER, scale_max INTEGER, comment VARCHAR, ts TIMESTAMP, received_at TIMESTAMP, source VARCHAR
  );
  CREATE TEMP TABLE IF NOT EXISTS stage_identifies (
    customer_id VARCHAR, anonymous_id VARCHAR, traits VARCHAR, ts TIMESTAMP, seq INTEGER
  );
`;
