import { ID } from './postgres/types.ts';

/**
 * Tables of the Segment-compatible ingest: the rejects log and the traits of anonymous visitors.
 * Listed in both dialects' migrations ({duckdb,postgres}/migrations.ts) until the
 * per-capability migration registry takes them.
 *
 * ingest_rejects: a message refused while the rest of its request was stored, with why. Its id is a
 * hash of the call and the message text, so a re-sent batch logs its rejects once.
 * anonymous_traits: identify calls with only an anonymousId, kept per message until (and after) the
 * anonymous id is linked to a customer, whose traits then take them in.
 */
export const INGEST_SEGMENT_SCHEMA = {
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
};
