import { after, before, test } from 'node:test';
import { MIGRATIONS } from '../src/capabilities/migrations.ts';
import { PostgresStore } from '../src/platform/store/postgres/store.ts';
import { startPgServer, type PgServer } from './pg-server.ts';
import { runTextScenario } from './text-kit.ts';

let server: PgServer;
let store: PostgresStore;
before(async () => {
  server = await startPgServer();
  store = await PostgresStore.open(await server.createDatabase(), MIGRATIONS);
});
after(async () => {
  await store?.close();
  await server?.stop();
});

test('text on PostgreSQL: sentiment at ingest, analysis, search and filters, themes, isolation', async () => {
  await runTextScenario(store);
});
