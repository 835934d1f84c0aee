import { join } from 'node:path';
import { tempDir } from '../helpers.ts';
import { storeContract } from './suite.ts';

storeContract({
  name: 'DuckDB',
  async setup() {
    const tmp = tempDir('cxloop-contract-');
    let files = 0;
    return {
      newDatabase: async () => join(tmp.dir, `db-${++files}.duckdb`),
      teardown: async () => tmp.cleanup(),
    };
  },
});
