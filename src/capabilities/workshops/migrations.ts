import type { MigrationRegistry } from '../../platform/store/migrations.ts';
import { ID } from '../../platform/store/postgres/types.ts';

/**
 * The workshops capability's tables. Tokens are kept only as SHA-256 hashes: a copy of the
 * database lets nobody join a workshop or judge as a participant. A judgement's key is its cell
 * and its participant, so sending the same judgement again replaces it (a retried request stores
 * nothing twice) and a participant may change their mind.
 */
export const WORKSHOPS_MIGRATIONS: MigrationRegistry = [
  {
    id: 'workshops.tables',
    duckdb: `
  CREATE TABLE workshops (
    workspace_id VARCHAR NOT NULL,
    id VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    doc VARCHAR NOT NULL,
    join_hash VARCHAR NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (workspace_id, id)
  );
  CREATE TABLE workshop_participants (
    workspace_id VARCHAR NOT NULL,
    workshop_id VARCHAR NOT NULL,
    seat INTEGER NOT NULL,
    name VARCHAR NOT NULL,
    key_hash VARCHAR NOT NULL UNIQUE,
    joined_at TIMESTAMP NOT NULL,
    PRIMARY KEY (workspace_id, workshop_id, seat)
  );
  CREATE TABLE workshop_judgements (
    workspace_id VARCHAR NOT NULL,
    workshop_id VARCHAR NOT NULL,
    seat INTEGER NOT NULL,
    kind VARCHAR NOT NULL,
    from_tp VARCHAR NOT NULL,
    to_tp VARCHAR NOT NULL,
    value INTEGER,
    judged_at TIMESTAMP NOT NULL,
    PRIMARY KEY (workspace_id, workshop_id, seat, kind, from_tp, to_tp)
  );
  CREATE TABLE workshop_actions (
    workspace_id VARCHAR NOT NULL,
    workshop_id VARCHAR NOT NULL,
    id VARCHAR NOT NULL,
    title VARCHAR NOT NULL,
    owner VARCHAR NOT NULL,
    touchpoints VARCHAR NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (workspace_id, workshop_id, id)
  );
    `,
    postgres: `
  CREATE TABLE workshops (
    workspace_id ${ID} NOT NULL,
    id ${ID} NOT NULL,
    name text NOT NULL,
    doc text NOT NULL,
    join_hash ${ID} NOT NULL UNIQUE,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (workspace_id, id)
  );
  CREATE TABLE workshop_participants (
    workspace_id ${ID} NOT NULL,
    workshop_id ${ID} NOT NULL,
    seat integer NOT NULL,
    name text NOT NULL,
    key_hash ${ID} NOT NULL UNIQUE,
    joined_at timestamptz NOT NULL,
    PRIMARY KEY (workspace_id, workshop_id, seat)
  );
  CREATE TABLE workshop_judgements (
    workspace_id ${ID} NOT NULL,
    workshop_id ${ID} NOT NULL,
    seat integer NOT NULL,
    kind ${ID} NOT NULL,
    from_tp ${ID} NOT NULL,
    to_tp ${ID} NOT NULL,
    value integer,
    judged_at timestamptz NOT NULL,
    PRIMARY KEY (workspace_id, workshop_id, seat, kind, from_tp, to_tp)
  );
  CREATE TABLE workshop_actions (
    workspace_id ${ID} NOT NULL,
    workshop_id ${ID} NOT NULL,
    id ${ID} NOT NULL,
    title text NOT NULL,
    owner text NOT NULL,
    touchpoints text NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (workspace_id, workshop_id, id)
  );
    `,
  },
];
