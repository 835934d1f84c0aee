import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { event, feedback, testApp } from '../../../tests/helpers.ts';
import { printReport } from './cli-output.ts';
import { analyticsFor } from './service.ts';

/**
 * What `cxloop report ... --format table|csv` prints, on planted data: a three-minute step of the
 * funnel reads "3m" (days with two decimals printed 0), and a comparison against a baseline of two
 * answers says it is insufficient.
 */
function printed(work: () => void): string {
  const chunks: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  }) as typeof process.stdout.write;
  try {
    work();
  } finally {
    process.stdout.write = write;
  }
  return chunks.join('');
}

describe('report output for people', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  before(async () => {
    t = await testApp();
    const batch = ['u1', 'u2'].flatMap((c) => [
      event(`${c}-1`, { customerId: c, name: 'Ad Viewed', timestamp: '2025-06-01T10:00:00Z' }),
      event(`${c}-2`, { customerId: c, name: 'Product Viewed', timestamp: '2025-06-01T10:03:00Z' }),
    ]);
    assert.equal((await t.post('/v1/events', t.keys.acme!.ingest, { batch })).status, 200);
    const answers = [
      ...['b1', 'b2'].map((c, i) =>
        feedback(`a-${c}`, { customerId: c, score: 4, timestamp: `2025-04-0${i + 1}T10:00:00Z` }),
      ),
      ...Array.from({ length: 40 }, (_, i) =>
        feedback(`n-${i}`, { customerId: `n${i}`, score: 2, timestamp: '2025-06-02T10:00:00Z' }),
      ),
    ];
    assert.equal((await t.post('/v1/feedback', t.keys.acme!.ingest, { batch: answers })).status, 200);
  });
  after(() => t.close());

  const window = { from: '2025-05-01', to: '2025-06-30' };

  test('funnel times in human units in the table, exact milliseconds in CSV', async () => {
    const funnel = await analyticsFor(t.services).funnel('acme', window);
    const table = printed(() => printReport('funnel', funnel, 'table'));
    assert.match(table, /median_time_from_previous/);
    assert.match(table, /consideration\s.*\s3m\s*$/m);
    const csv = printed(() => printReport('funnel', funnel, 'csv'));
    assert.match(csv.split('\n')[0]!, /median_ms_from_previous/);
    assert.match(csv, /,180000\n/);
  });

  test('a comparison with a thin baseline is flagged insufficient', async () => {
    const compare = await analyticsFor(t.services).compare('acme', {
      ...window,
      baselineFrom: '2025-04-01',
      baselineTo: '2025-04-30',
      metric: 'csat',
    });
    const table = printed(() => printReport('compare', compare, 'table'));
    assert.match(table, /yes \(n < 30\)/);
    assert.match(table, /1 of 1 comparisons have fewer than 30 answers on a side: insufficient/);
    const csv = printed(() => printReport('compare', compare, 'csv'));
    assert.match(csv.split('\n')[0]!, /,insufficient/);
    assert.match(csv.split('\n')[1]!, /,true$/);
  });
});
