import type { MigrationRegistry } from '../../platform/store/migrations.ts';
import { ID } from '../../platform/store/postgres/types.ts';

/**
 * The text capability's tables.
 * - `text_comments`: one row per feedback comment read: its language, the sentiment (label and
 *   score, NULL for a language the model does not read), the model that scored it, and its stem
 *   line (stems in order between spaces, what search and themes match with LIKE on both engines).
 * - `text_themes`: the workspace's themes: discovered ones (kind `discovered`, replaced when
 *   discovery runs again) and those a user defined by keywords (kind `defined`); stems and terms
 *   are JSON arrays as text.
 * - `text_discovery`: when discovery last ran and over how many comments, so the job reruns it
 *   only when the comments have grown.
 * - `text_models`: the workspace model learned from its scored comments (JSON), with the figures
 *   it was judged by (cross-validated macro-F1 against the built-in model's on the same comments).
 */
export const TEXT_MIGRATIONS: MigrationRegistry = [
  {
    id: 'text.tables',
    duckdb: `
  CREATE TABLE text_comments (
    workspace_id VARCHAR NOT NULL,
    feedback_id VARCHAR NOT NULL,
    language VARCHAR NOT NULL,
    label VARCHAR,
    score DOUBLE,
    model VARCHAR NOT NULL,
    stems VARCHAR NOT NULL,
    analysed_at TIMESTAMP NOT NULL,
    PRIMARY KEY (workspace_id, feedback_id)
  );
  CREATE TABLE text_themes (
    workspace_id VARCHAR NOT NULL,
    id VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    label VARCHAR NOT NULL,
    stems VARCHAR NOT NULL,
    terms VARCHAR NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (workspace_id, id)
  );
  CREATE TABLE text_discovery (
    workspace_id VARCHAR NOT NULL PRIMARY KEY,
    comments INTEGER NOT NULL,
    discovered_at TIMESTAMP NOT NULL
  );
  CREATE TABLE text_models (
    workspace_id VARCHAR NOT NULL PRIMARY KEY,
    comments INTEGER NOT NULL,
    cv_macro_f1 DOUBLE NOT NULL,
    builtin_macro_f1 DOUBLE NOT NULL,
    model VARCHAR NOT NULL,
    trained_at TIMESTAMP NOT NULL
  );
  `,
    postgres: `
  CREATE TABLE text_comments (
    workspace_id ${ID} NOT NULL,
    feedback_id ${ID} NOT NULL,
    language text NOT NULL,
    label text,
    score double precision,
    model text NOT NULL,
    stems text NOT NULL,
    analysed_at timestamptz NOT NULL,
    PRIMARY KEY (workspace_id, feedback_id)
  );
  CREATE TABLE text_themes (
    workspace_id ${ID} NOT NULL,
    id ${ID} NOT NULL,
    kind text NOT NULL,
    label text NOT NULL,
    stems text NOT NULL,
    terms text NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (workspace_id, id)
  );
  CREATE TABLE text_discovery (
    workspace_id ${ID} NOT NULL PRIMARY KEY,
    comments integer NOT NULL,
    discovered_at timestamptz NOT NULL
  );
  CREATE TABLE text_models (
    workspace_id ${ID} NOT NULL PRIMARY KEY,
    comments integer NOT NULL,
    cv_macro_f1 double precision NOT NULL,
    builtin_macro_f1 double precision NOT NULL,
    model text NOT NULL,
    trained_at timestamptz NOT NULL
  );
  `,
  },
];
