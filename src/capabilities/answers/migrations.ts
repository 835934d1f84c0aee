import type { MigrationRegistry } from '../../platform/store/migrations.ts';
import { ID } from '../../platform/store/postgres/types.ts';

/**
 * The answers capability's tables: the knowledge base (one row per article and language, with its
 * sanitised HTML kept beside the Markdown so asking never renders) and each workspace's settings
 * (support address, return window, threshold, intent phrasings). Questions, answers, votes and
 * hand-offs are not here: they are events on the customer's timeline (see service.ts).
 */
export const ANSWERS_MIGRATIONS: MigrationRegistry = [
  {
    id: 'answers.tables',
    duckdb: `
  CREATE TABLE answers_articles (
    workspace_id VARCHAR NOT NULL,
    id VARCHAR NOT NULL,
    language VARCHAR NOT NULL,
    title VARCHAR NOT NULL,
    touchpoint VARCHAR,
    stage VARCHAR,
    tags JSON NOT NULL,
    public BOOLEAN NOT NULL,
    markdown VARCHAR NOT NULL,
    html VARCHAR NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (workspace_id, id, language)
  );
  CREATE TABLE answers_settings (
    workspace_id VARCHAR NOT NULL PRIMARY KEY,
    support_email VARCHAR,
    return_window_days INTEGER NOT NULL,
    confidence DOUBLE NOT NULL,
    intents JSON,
    updated_at TIMESTAMP NOT NULL
  );`,
    postgres: `
  CREATE TABLE answers_articles (
    workspace_id ${ID} NOT NULL,
    id ${ID} NOT NULL,
    language ${ID} NOT NULL,
    title text NOT NULL,
    touchpoint ${ID},
    stage ${ID},
    tags jsonb NOT NULL,
    public boolean NOT NULL,
    markdown text NOT NULL,
    html text NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (workspace_id, id, language)
  );
  CREATE TABLE answers_settings (
    workspace_id ${ID} NOT NULL PRIMARY KEY,
    support_email text,
    return_window_days integer NOT NULL,
    confidence double precision NOT NULL,
    intents jsonb,
    updated_at timestamptz NOT NULL
  );`,
  },
];
