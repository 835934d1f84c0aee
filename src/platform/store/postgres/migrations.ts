import { INGEST_SEGMENT_SCHEMA } from '../ingest-segment-schema.ts';
import { DUCKDB_SPELLINGS } from './duckdb-spellings.ts';
import { OUTBOX_SCHEMA } from './outbox-schema.ts';
import { JOBS_SCHEMA } from '../../jobs/schema.ts';
import { MESSAGE_SENDS_SCHEMA } from '../../messaging/schema.ts';
import { SURVEYS_SCHEMA } from './surveys-schema.ts';
import { ID } from './types.ts';

/**
 * PostgreSQL schema, one entry per version, at the same versions as the DuckDB list (a test
 * holds the two lists to the same length). Tables, columns and column order are DuckDB's, so
 * shared SQL (including positional `INSERT ... VALUES`) runs on both; what differs is the
 * dialect: timestamptz read in a UTC session, jsonb where rows are queried or merged by key and
 * json where a document must come back as it was written, real unique indexes where DuckDB keeps
 * an in-memory one (and so no id_hi/id_lo hash columns), and indexes for the lookups that several
 * processes make. Identifiers use the "C" collation: ORDER BY then sorts by code point, as DuckDB
 * does, whatever the server's default locale.
 */
export const MIGRATIONS: string[] = [
  `
  ${DUCKDB_SPELLINGS}

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
  CREATE TABLE journeys (
    workspace_id ${ID} PRIMARY KEY,
    doc json NOT NULL,
    updated_at timestamptz NOT NULL
  );
  -- Identified customers and their traits; customers known only from events are in customer_activity.
  CREATE TABLE customers (
    workspace_id ${ID} NOT NULL,
    id ${ID} NOT NULL,
    traits jsonb,
    first_seen timestamptz,
    last_seen timestamptz,
    PRIMARY KEY (workspace_id, id)
  );
  -- Anonymous ids merged into a customer by identify; events keep the id they were sent with.
  CREATE TABLE aliases (
    workspace_id ${ID} NOT NULL,
    anonymous_id ${ID} NOT NULL,
    customer_id ${ID} NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (workspace_id, anonymous_id)
  );
  CREATE INDEX aliases_customer ON aliases (workspace_id, customer_id);
  -- The primary key is the duplicate check: ingest inserts with ON CONFLICT DO NOTHING, so
  -- processes writing at once agree on what was new without any state of their own.
  CREATE TABLE events (
    workspace_id ${ID} NOT NULL,
    id ${ID} NOT NULL,
    customer_id ${ID},
    anonymous_id ${ID},
    name text NOT NULL,
    touchpoint ${ID},
    ts timestamptz NOT NULL,
    received_at timestamptz NOT NULL,
    properties jsonb,
    context jsonb,
    PRIMARY KEY (workspace_id, id)
  );
  CREATE INDEX events_customer ON events (workspace_id, customer_id, ts);
  CREATE INDEX events_anonymous ON events (workspace_id, anonymous_id) WHERE anonymous_id IS NOT NULL;
  CREATE INDEX events_touchpoint ON events (workspace_id, touchpoint) WHERE touchpoint IS NOT NULL;
  -- Analytics pick events by name (purchases, failures), often within a time window.
  CREATE INDEX events_name ON events (workspace_id, name, ts);
  CREATE TABLE feedback (
    workspace_id ${ID} NOT NULL,
    id ${ID} NOT NULL,
    customer_id ${ID} NOT NULL,
    touchpoint ${ID} NOT NULL,
    metric text NOT NULL,
    score double precision NOT NULL,
    scale_min integer NOT NULL,
    scale_max integer NOT NULL,
    comment text,
    ts timestamptz NOT NULL,
    received_at timestamptz NOT NULL,
    source text NOT NULL,
    PRIMARY KEY (workspace_id, id)
  );
  CREATE INDEX feedback_customer ON feedback (workspace_id, customer_id, ts);
  CREATE INDEX feedback_touchpoint ON feedback (workspace_id, touchpoint);
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
    ) AS seen
    WHERE customer_id IS NOT NULL
    GROUP BY workspace_id, customer_id;
  `,
  SURVEYS_SCHEMA,
  // Dashboard sign-ins, by the hash of their cookie's token, so every server process knows them.
  `
  CREATE TABLE dashboard_sessions (
    token_hash text PRIMARY KEY,
    workspace_id ${ID} NOT NULL,
    key_hash text NOT NULL,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL
  );
  CREATE INDEX dashboard_sessions_expiry ON dashboard_sessions (expires_at);
  `,
  // Domain events written in the same transaction as their data, and where each subscriber is.
  OUTBOX_SCHEMA,
  // Platform machinery: durable jobs, and the send log of the messaging channels.
  JOBS_SCHEMA.postgres + MESSAGE_SENDS_SCHEMA.postgres,
  // Segment-compatible ingest: the rejects log and anonymous visitors' traits.
  INGEST_SEGMENT_SCHEMA.postgres,
];
