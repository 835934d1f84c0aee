import type { MigrationRegistry } from '../platform/store/migrations.ts';
import { WORKSPACES_MIGRATIONS } from './workspaces/migrations.ts';
import { JOURNEYS_MIGRATIONS } from './journeys/migrations.ts';
import { INGEST_MIGRATIONS } from './ingest/migrations.ts';
import { SURVEYS_MIGRATIONS } from './surveys/migrations.ts';
import { WORKSHOPS_MIGRATIONS } from './workshops/migrations.ts';
import { TEXT_MIGRATIONS } from './text/migrations.ts';
import { PRIVACY_MIGRATIONS } from './privacy/migrations.ts';
import { WORKFLOWS_MIGRATIONS } from './workflows/migrations.ts';
import { PEOPLE_MIGRATIONS } from './people/migrations.ts';
import { ANSWERS_MIGRATIONS } from './answers/migrations.ts';

/**
 * Every capability's tables, handed to the store when it opens (the platform's own come first,
 * from the store itself). A new capability with tables adds its `migrations.ts` here; a new
 * migration is one more entry at the end of its capability's list, with a new id. Released
 * entries never change: a database records which ids it has applied.
 */
export const MIGRATIONS: MigrationRegistry = [
  ...WORKSPACES_MIGRATIONS,
  ...JOURNEYS_MIGRATIONS,
  ...INGEST_MIGRATIONS,
  ...SURVEYS_MIGRATIONS,
  ...WORKSHOPS_MIGRATIONS,
  ...TEXT_MIGRATIONS,
  ...PRIVACY_MIGRATIONS,
  ...WORKFLOWS_MIGRATIONS,
  ...PEOPLE_MIGRATIONS,
  ...ANSWERS_MIGRATIONS,
];
