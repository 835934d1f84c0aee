import { startPgServer } from '../pg-server.ts';
import { storeContract } from './suite.ts';

storeContract({
  name: 'PostgreSQL',
  async setup() {
    const server = await startPgServer();
    return { newDatabase: () => server.createDatabase(), teardown: () => server.stop() };
  },
});
