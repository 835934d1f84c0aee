import { ID } from '../store/postgres/types.ts';

/**
 * The send log of every channel (email, webhook), both dialects with the same columns in the
 * same order: one row per attempt, what was sent to whom, when, and how it went. A row with
 * outcome 'sent' for an idempotency key means that message must not go out again.
 */
export const MESSAGE_SENDS_SCHEMA = {
  duckdb: `
  CREATE TABLE message_sends (
    workspace_id VARCHAR NOT NULL,
    idempotency_key VARCHAR NOT NULL,
    channel VARCHAR NOT NULL,
    recipient VARCHAR NOT NULL,
    message_id VARCHAR NOT NULL,
    attempted_at TIMESTAMP NOT NULL,
    outcome VARCHAR NOT NULL,
    detail VARCHAR
  );
  `,
  postgres: `
  CREATE TABLE message_sends (
    workspace_id ${ID} NOT NULL,
    idempotency_key ${ID} NOT NULL,
    channel text NOT NULL,
    recipient text NOT NULL,
    message_id text NOT NULL,
    attempted_at timestamptz NOT NULL,
    outcome text NOT NULL,
    detail text
  );
  CREATE INDEX message_sends_key ON message_sends (workspace_id, idempotency_key);
  `,
};
