import { INGEST_SEGMENT_SCHEMA } from '../ingest-segment-schema.ts';
import { OUTBOX_SCHEMA } from './outbox-schema.ts';
import { JOBS_SCHEMA } from '../../jobs/schema.ts';
import { MESSAGE_SENDS_SCHEMA } from '../../messaging/schema.ts';
import { SURVEYS_SCHEMA } from './surveys-schema.ts';

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
  -- Identified customers and their traits; customers known only from events are in customer_activity.
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
    -- halves of the 64-bit id hash that the in-memory duplicate index is rebuilt from at start-up
    id_hi UINTEGER NOT NULL,
    id_lo UINTEGER NOT NULL
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
    id_hi UINTEGER NOT NULL,
    id_lo UINTEGER NOT NULL
  );
  -- Events with the customer resolved: an anonymous id merged by identify counts for its customer.
  CREATE VIEW events_resolved AS
    SELECT e.*, coalesce(e.customer_id, a.customer_id) AS resolved_customer_id
    FROM events e LEFT JOIN aliases a ON a.workspace_id = e.workspace_id AND a.anonymous_id = e.anonymous_id;
  -- Every customer with activity, identified or not, with first and last seen over events and feedback.
  CREATE VIEW customer_activity AS
    SELECT workspace_id, customer_id AS id, min(ts) AS first_seen, max(ts) AS last_seen
    FROM (
      SELECT workspace_id, resolved_customer_id AS customer_id, ts FROM events_resolved
      UNION ALL SELECT workspace_id, customer_id, ts FROM feedback
      UNION ALL SELECT workspace_id, id, first_seen FROM customers
    )
    WHERE customer_id IS NOT NULL
    GROUP BY workspace_id, customer_id;
  `,
  SURVEYS_SCHEMA,
  // Dashboard sign-ins, by the hash of their cookie's token, so every server process knows them.
  `
  CREATE TABLE dashboard_sessions (
    token_hash VARCHAR PRIMARY KEY,
    workspace_id VARCHAR NOT NULL,
    key_hash VARCHAR NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
  );
  `,
  // Domain events written in the same transaction as their data, and where each subscriber is.
  OUTBOX_SCHEMA,
  // Platform machinery: durable jobs, and the send log of the messaging channels.
  JOBS_SCHEMA.duckdb + MESSAGE_SENDS_SCHEMA.duckdb,
  // Segment-compatible ingest: the rejects log and anonymous visitors' traits.
  INGEST_SEGMENT_SCHEMA.duckdb,
];

/**
 * Identify calls are staged in the temp schema of the writer connection, then merged into
 * customers and aliases with set-based statements. Times are DOUBLE epoch milliseconds here.
 */
export const STAGING = `
  CREATE TEMP TABLE IF NOT EXISTS stage_identifies (
    workspace_id VARCHAR, customer_id VARCHAR, anonymous_id VARCHAR, traits VARCHAR, ts DOUBLE, seq INTEGER
  );
`;
