import type { MigrationRegistry } from '../../platform/store/migrations.ts';
import { ID } from '../../platform/store/postgres/types.ts';

/**
 * The workflows capability's tables, both dialects with the same columns in the same order.
 * `workflow_runs` holds each run's state (the step it is at, the visit number that keys its side
 * effects, what it waits for and until when); the next move of a run is a platform job keyed by
 * run and visit, so a run advanced twice at once (an event and a timeout) moves once: the update
 * that wins checks the visit. `workflow_log` is every step a run passed and every decision
 * (sent, failed, delayed, suppressed and why): the results count it and timelines show it.
 * `claim` is a token of the move that last advanced a run: rows that move writes beside it are
 * inserted only where the run carries its token, so a move that lost a race writes nothing.
 */
const duckdb = `
  CREATE TABLE workflows (
    workspace_id VARCHAR NOT NULL,
    id VARCHAR NOT NULL,
    doc JSON NOT NULL,
    version INTEGER NOT NULL,
    active BOOLEAN NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (workspace_id, id)
  );
  CREATE TABLE workflow_runs (
    workspace_id VARCHAR NOT NULL,
    id VARCHAR NOT NULL,
    workflow_id VARCHAR NOT NULL,
    version INTEGER NOT NULL,
    customer_id VARCHAR NOT NULL,
    trigger_event_id VARCHAR NOT NULL,
    context JSON NOT NULL,
    holdout BOOLEAN NOT NULL,
    status VARCHAR NOT NULL,
    step_id VARCHAR,
    visit INTEGER NOT NULL,
    awaiting VARCHAR,
    wake_at TIMESTAMP,
    entered_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    ended_at TIMESTAMP,
    converted_at TIMESTAMP,
    claim VARCHAR,
    PRIMARY KEY (workspace_id, id)
  );
  CREATE TABLE workflow_log (
    workspace_id VARCHAR NOT NULL,
    run_id VARCHAR NOT NULL,
    workflow_id VARCHAR NOT NULL,
    customer_id VARCHAR NOT NULL,
    visit INTEGER NOT NULL,
    step_id VARCHAR NOT NULL,
    outcome VARCHAR NOT NULL,
    detail VARCHAR,
    purpose VARCHAR,
    logged_at TIMESTAMP NOT NULL,
    PRIMARY KEY (workspace_id, run_id, visit, step_id, outcome)
  );
  CREATE TABLE consents (
    workspace_id VARCHAR NOT NULL,
    customer_id VARCHAR NOT NULL,
    channel VARCHAR NOT NULL,
    purpose VARCHAR NOT NULL,
    granted BOOLEAN NOT NULL,
    changed_at TIMESTAMP NOT NULL,
    source VARCHAR NOT NULL,
    PRIMARY KEY (workspace_id, customer_id, channel, purpose)
  );
  CREATE TABLE workflow_secrets (
    workspace_id VARCHAR PRIMARY KEY,
    secret VARCHAR NOT NULL,
    created_at TIMESTAMP NOT NULL
  );
  CREATE INDEX workflow_runs_customer ON workflow_runs (workspace_id, customer_id);
  CREATE INDEX workflow_log_customer ON workflow_log (workspace_id, customer_id);
`;

const postgres = `
  CREATE TABLE workflows (
    workspace_id ${ID} NOT NULL,
    id ${ID} NOT NULL,
    doc json NOT NULL,
    version integer NOT NULL,
    active boolean NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (workspace_id, id)
  );
  CREATE TABLE workflow_runs (
    workspace_id ${ID} NOT NULL,
    id ${ID} NOT NULL,
    workflow_id ${ID} NOT NULL,
    version integer NOT NULL,
    customer_id ${ID} NOT NULL,
    trigger_event_id ${ID} NOT NULL,
    context json NOT NULL,
    holdout boolean NOT NULL,
    status text NOT NULL,
    step_id ${ID},
    visit integer NOT NULL,
    awaiting text,
    wake_at timestamptz,
    entered_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    ended_at timestamptz,
    converted_at timestamptz,
    claim text,
    PRIMARY KEY (workspace_id, id)
  );
  CREATE TABLE workflow_log (
    workspace_id ${ID} NOT NULL,
    run_id ${ID} NOT NULL,
    workflow_id ${ID} NOT NULL,
    customer_id ${ID} NOT NULL,
    visit integer NOT NULL,
    step_id ${ID} NOT NULL,
    outcome text NOT NULL,
    detail text,
    purpose text,
    logged_at timestamptz NOT NULL,
    PRIMARY KEY (workspace_id, run_id, visit, step_id, outcome)
  );
  CREATE TABLE consents (
    workspace_id ${ID} NOT NULL,
    customer_id ${ID} NOT NULL,
    channel text NOT NULL,
    purpose text NOT NULL,
    granted boolean NOT NULL,
    changed_at timestamptz NOT NULL,
    source text NOT NULL,
    PRIMARY KEY (workspace_id, customer_id, channel, purpose)
  );
  CREATE TABLE workflow_secrets (
    workspace_id ${ID} PRIMARY KEY,
    secret text NOT NULL,
    created_at timestamptz NOT NULL
  );
  CREATE INDEX workflow_runs_customer ON workflow_runs (workspace_id, customer_id);
  CREATE INDEX workflow_runs_awaiting ON workflow_runs (workspace_id, awaiting) WHERE awaiting IS NOT NULL;
  CREATE INDEX workflow_log_customer ON workflow_log (workspace_id, customer_id);
`;

export const WORKFLOWS_MIGRATIONS: MigrationRegistry = [{ id: 'workflows.tables', duckdb, postgres }];
