import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { defaultJourney } from '../src/capabilities/journeys/templates.ts';
import { JourneyService } from '../src/capabilities/journeys/service.ts';
import { SHARED_COPY_MAX_AGE_MS } from '../src/platform/store/shared-copies.ts';
import { PostgresStore } from '../src/platform/store/postgres/store.ts';
import { startPgServer, type PgServer } from './pg-server.ts';
import { MIGRATIONS } from '../src/capabilities/migrations.ts';

/**
 * Server mode runs several processes over one database: a journey map saved through one must
 * reach the others' in-memory copies, within the revalidation interval, with no restart.
 */
describe('journey cache across processes (PostgreSQL)', () => {
  let server: PgServer;
  before(async () => {
    server = await startPgServer();
  });
  after(() => server?.stop());

  test('a map saved by one process is seen by another once its copy is revalidated', async () => {
    const url = await server.createDatabase();
    const [a, b] = [await PostgresStore.open(url, MIGRATIONS), await PostgresStore.open(url, MIGRATIONS)];
    try {
      const clock = { now: Date.parse('2025-06-01T00:00:00Z') };
      await a.createWorkspace('w', 'w', clock.now);
      const first = new JourneyService(a, () => clock.now);
      const second = new JourneyService(b, () => clock.now);
      const before = await second.get('w');
      assert.ok(before.touchpoints.has('checkout'));
      assert.equal(before.touchpoints.has('gift-wrap'), false);

      const map = defaultJourney();
      map.stages[0]!.touchpoints.push({ id: 'gift-wrap', name: 'Gift wrap', channel: 'web' });
      await first.set('w', map, clock.now);
      assert.ok(
        (await first.get('w')).touchpoints.has('gift-wrap'),
        'the writer sees its own change at once',
      );

      clock.now += SHARED_COPY_MAX_AGE_MS - 1;
      assert.equal(
        (await second.get('w')).touchpoints.has('gift-wrap'),
        false,
        'trusted within the interval',
      );
      clock.now += 2;
      assert.ok((await second.get('w')).touchpoints.has('gift-wrap'), 'revalidated after the interval');
    } finally {
      await a.close();
      await b.close();
    }
  });
});
