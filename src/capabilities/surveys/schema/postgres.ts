import { ID } from '../../../platform/store/postgres/types.ts';

/**
 * The surveys capability's tables (DuckDB: ./duckdb.ts), same columns in the same
 * order. Definitions, policies and answers are json: they come back exactly as written. The extra
 * indexes serve the dispatcher's claim of due invitations and the send-log lookups.
 */
export const SURVEYS_SCHEMA = `
  CREATE TABLE surveys (
    workspace_id ${ID} NOT NULL,
    id ${ID} NOT NULL,
    doc json NOT NULL,
    version integer NOT NULL,
    active boolean NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (workspace_id, id)
  );
  CREATE TABLE survey_secrets (
    workspace_id ${ID} PRIMARY KEY,
    secret text NOT NULL,
    created_at timestamptz NOT NULL
  );
  CREATE TABLE contact_policies (
    workspace_id ${ID} PRIMARY KEY,
    doc json NOT NULL,
    updated_at timestamptz NOT NULL
  );
  CREATE TABLE unsubscribes (
    workspace_id ${ID} NOT NULL,
    customer_id ${ID} NOT NULL,
    unsubscribed_at timestamptz NOT NULL,
    source text NOT NULL,
    PRIMARY KEY (workspace_id, customer_id)
  );
  CREATE TABLE survey_invitations (
    workspace_id ${ID} NOT NULL,
    id ${ID} NOT NULL,
    survey_id ${ID} NOT NULL,
    trigger_id ${ID} NOT NULL,
    customer_id ${ID} NOT NULL,
    channel text NOT NULL,
    event_id ${ID},
    language text,
    status text NOT NULL,
    reason text,
    created_at timestamptz NOT NULL,
    due_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    attempts integer NOT NULL,
    lease_until timestamptz,
    last_error text,
    sent_at timestamptz,
    opened_at timestamptz,
    started_at timestamptz,
    completed_at timestamptz,
    dismissed_at timestamptz,
    PRIMARY KEY (workspace_id, id)
  );
  CREATE INDEX survey_invitations_due ON survey_invitations (status, due_at);
  CREATE INDEX survey_invitations_customer ON survey_invitations (workspace_id, customer_id);
  CREATE TABLE invitation_decisions (
    workspace_id ${ID} NOT NULL,
    invitation_id ${ID} NOT NULL,
    customer_id ${ID} NOT NULL,
    survey_id ${ID} NOT NULL,
    decided_at timestamptz NOT NULL,
    decision text NOT NULL,
    reason text NOT NULL,
    until timestamptz
  );
  CREATE INDEX invitation_decisions_workspace ON invitation_decisions (workspace_id, decided_at);
  CREATE TABLE invitation_sends (
    workspace_id ${ID} NOT NULL,
    idempotency_key ${ID} NOT NULL,
    invitation_id ${ID} NOT NULL,
    attempt integer NOT NULL,
    attempted_at timestamptz NOT NULL,
    outcome text NOT NULL,
    message_id text,
    error text
  );
  CREATE INDEX invitation_sends_key ON invitation_sends (workspace_id, idempotency_key);
  CREATE TABLE survey_answers (
    workspace_id ${ID} NOT NULL,
    invitation_id ${ID} NOT NULL,
    question_id ${ID} NOT NULL,
    survey_id ${ID} NOT NULL,
    customer_id ${ID} NOT NULL,
    value json,
    channel text NOT NULL,
    answered_at timestamptz NOT NULL,
    PRIMARY KEY (workspace_id, invitation_id, question_id)
  );
`;
