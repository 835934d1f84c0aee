/**
 * Tables of the surveys capability (one migration). Invitations double as the delivery outbox:
 * a `scheduled` row whose `due_at` has passed is claimed by the dispatcher with a lease, so a
 * crash mid-send leaves a row that another run picks up after the lease, and the send log
 * (keyed by idempotency key) says whether the message already went out.
 */
export const SURVEYS_SCHEMA = `
  CREATE TABLE surveys (
    workspace_id VARCHAR NOT NULL,
    id VARCHAR NOT NULL,
    doc JSON NOT NULL,
    version INTEGER NOT NULL,
    active BOOLEAN NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (workspace_id, id)
  );
  -- The key that signs survey links, one per workspace, made on first use.
  CREATE TABLE survey_secrets (
    workspace_id VARCHAR PRIMARY KEY,
    secret VARCHAR NOT NULL,
    created_at TIMESTAMP NOT NULL
  );
  CREATE TABLE contact_policies (
    workspace_id VARCHAR PRIMARY KEY,
    doc JSON NOT NULL,
    updated_at TIMESTAMP NOT NULL
  );
  CREATE TABLE unsubscribes (
    workspace_id VARCHAR NOT NULL,
    customer_id VARCHAR NOT NULL,
    unsubscribed_at TIMESTAMP NOT NULL,
    source VARCHAR NOT NULL,
    PRIMARY KEY (workspace_id, customer_id)
  );
  -- One row per (trigger, event) that asked for an invitation, whatever became of it. The id is
  -- derived from that pair, so an event ingested twice never invites twice.
  CREATE TABLE survey_invitations (
    workspace_id VARCHAR NOT NULL,
    id VARCHAR NOT NULL,
    survey_id VARCHAR NOT NULL,
    trigger_id VARCHAR NOT NULL,
    customer_id VARCHAR NOT NULL,
    channel VARCHAR NOT NULL,
    event_id VARCHAR,
    language VARCHAR,
    status VARCHAR NOT NULL,
    reason VARCHAR,
    created_at TIMESTAMP NOT NULL,
    due_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    attempts INTEGER NOT NULL,
    lease_until TIMESTAMP,
    last_error VARCHAR,
    sent_at TIMESTAMP,
    opened_at TIMESTAMP,
    started_at TIMESTAMP,
    completed_at TIMESTAMP,
    dismissed_at TIMESTAMP,
    PRIMARY KEY (workspace_id, id)
  );
  -- The contact-pressure decision log: why each invitation was sent, delayed or skipped.
  CREATE TABLE invitation_decisions (
    workspace_id VARCHAR NOT NULL,
    invitation_id VARCHAR NOT NULL,
    customer_id VARCHAR NOT NULL,
    survey_id VARCHAR NOT NULL,
    decided_at TIMESTAMP NOT NULL,
    decision VARCHAR NOT NULL,
    reason VARCHAR NOT NULL,
    until TIMESTAMP
  );
  -- Every delivery attempt; a 'sent' row for a key means that message must not go out again.
  CREATE TABLE invitation_sends (
    workspace_id VARCHAR NOT NULL,
    idempotency_key VARCHAR NOT NULL,
    invitation_id VARCHAR NOT NULL,
    attempt INTEGER NOT NULL,
    attempted_at TIMESTAMP NOT NULL,
    outcome VARCHAR NOT NULL,
    message_id VARCHAR,
    error VARCHAR
  );
  -- Answers, saved one question at a time; value is JSON (null marks a skipped question).
  CREATE TABLE survey_answers (
    workspace_id VARCHAR NOT NULL,
    invitation_id VARCHAR NOT NULL,
    question_id VARCHAR NOT NULL,
    survey_id VARCHAR NOT NULL,
    customer_id VARCHAR NOT NULL,
    value JSON,
    channel VARCHAR NOT NULL,
    answered_at TIMESTAMP NOT NULL,
    PRIMARY KEY (workspace_id, invitation_id, question_id)
  );
`;
