import type { MigrationRegistry } from '../../platform/store/migrations.ts';
import { ID } from '../../platform/store/postgres/types.ts';

/**
 * The ingest capability's tables: events, feedback, identified customers and their aliases, and
 * the two views every report reads them through. Tables, columns and column order are the same
 * on both engines, so shared SQL (including positional `INSERT ... VALUES`) runs on both. DuckDB
 * keeps id hashes (id_hi, id_lo) for its in-memory duplicate index; PostgreSQL has real unique
 * indexes instead, and indexes for the lookups that several processes make. DuckDB has no jsonb,
 * identity or bigserial; PostgreSQL reads timestamptz in a UTC session.
 */
export const INGEST_MIGRATIONS: MigrationRegistry = [
  {
    id: 'ingest.events',
    legacyVersion: 1,
    duckdb: `
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
    postgres: `
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
  },
  {
    // Segment-compatible ingest. ingest_rejects: a message refused while the rest of its request
    // was stored, with why; its id hashes the call and the message text, so a re-sent batch logs
    // its rejects once. anonymous_traits: identify calls with only an anonymousId, kept per message
    // until (and after) the anonymous id is linked to a customer, whose traits then take them in.
    id: 'ingest.segment-rejects-and-anonymous-traits',
    duckdb: `
  CREATE TABLE ingest_rejects (
    workspace_id VARCHAR NOT NULL,
    id VARCHAR NOT NULL,
    call VARCHAR NOT NULL,
    message VARCHAR NOT NULL,
    issues VARCHAR NOT NULL,
    received_at TIMESTAMP NOT NULL,
    replayed_at TIMESTAMP,
    PRIMARY KEY (workspace_id, id)
  );
  CREATE TABLE anonymous_traits (
    workspace_id VARCHAR NOT NULL,
    id VARCHAR NOT NULL,
    anonymous_id VARCHAR NOT NULL,
    traits VARCHAR,
    ts TIMESTAMP NOT NULL,
    PRIMARY KEY (workspace_id, id)
  );
  `,
    postgres: `
  CREATE TABLE ingest_rejects (
    workspace_id ${ID} NOT NULL,
    id ${ID} NOT NULL,
    call text NOT NULL,
    message text NOT NULL,
    issues text NOT NULL,
    received_at timestamptz NOT NULL,
    replayed_at timestamptz,
    PRIMARY KEY (workspace_id, id)
  );
  CREATE INDEX ingest_rejects_received ON ingest_rejects (workspace_id, received_at);
  CREATE TABLE anonymous_traits (
    workspace_id ${ID} NOT NULL,
    id ${ID} NOT NULL,
    anonymous_id ${ID} NOT NULL,
    traits text,
    ts timestamptz NOT NULL,
    PRIMARY KEY (workspace_id, id)
  );
  CREATE INDEX anonymous_traits_visitor ON anonymous_traits (workspace_id, anonymous_id);
  `,
  },
];
