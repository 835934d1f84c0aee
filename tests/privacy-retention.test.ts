import { after, test } from 'node:test';
import { MIGRATIONS } from '../src/capabilities/migrations.ts';
import { DuckDbStore } from '../src/platform/store/duckdb/store.ts';
import { tempDir } from './helpers.ts';
import { privacyApp, retentionScenario } from './privacy-kit.ts';

const tmp = tempDir();
after(() => tmp.cleanup());

test('retention on DuckDB: old events become daily counts, old comments lose their text, scores stay', async () => {
  const store = await DuckDbStore.open(tmp.db, MIGRATIONS);
  try {
    await retentionScenario(await privacyApp(store, Date.parse('2025-06-28T00:00:00Z')));
  } finally {
    await store.close();
  }
});
