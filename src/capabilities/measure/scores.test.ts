import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { aggregateScores, toReportRow } from '../../core/metrics/aggregate.ts';
import { testApp } from '../../../tests/helpers.ts';
import { analyticsFor } from './service.ts';
import { FIXTURE_NOW, loadFixture, referenceRows, scoreFixture } from './test-fixture.ts';

/**
 * The SQL path and the in-memory reference (core/metrics/aggregate.ts) over the same rows: every
 * number of every row must be equal. Scores are whole numbers, so the sums are exact and the
 * comparison is exact too.
 */
describe('scores: SQL equals the in-memory reference', () => {
  let app: Awaited<ReturnType<typeof testApp>>;
  const fixture = scoreFixture();
  before(async () => {
    app = await testApp(() => FIXTURE_NOW);
    await loadFixture(app.services, 'acme', fixture);
  });
  after(() => app?.close());

  const windows = [
    { from: '2025-01-01', to: '2025-06-30' },
    { from: '2025-03-03', to: '2025-03-31' },
    { from: '2025-02-10T12:00:00Z', to: '2025-04-01T00:00:00Z' },
  ];
  const groupings = [
    '',
    'touchpoint',
    'stage',
    'phase',
    'channel',
    'trait:segment',
    'stage,trait:device',
    'trait:segment,touchpoint',
  ];
  const intervals = [undefined, 'day', 'week', 'month'] as const;

  for (const window of windows) {
    for (const by of groupings) {
      for (const interval of intervals) {
        test(`${window.from}..${window.to} by [${by}] ${interval ?? 'whole window'}`, async () => {
          const journey = await app.services.journeys.get('acme');
          const report = await analyticsFor(app.services).scores('acme', {
            ...window,
            ...(by ? { by } : {}),
            ...(interval ? { interval } : {}),
            minN: '25',
          });
          const from = Date.parse(report.window.from);
          const to = Date.parse(report.window.to);
          const rows = referenceRows(fixture, journey).filter((r) => r.timestamp >= from && r.timestamp < to);
          const expected = aggregateScores(rows, {
            groupBy: by ? by.split(',') : [],
            ...(interval ? { interval } : {}),
            minN: 25,
          }).rows.map(toReportRow);
          assert.ok(expected.length > 0);
          assert.deepEqual(JSON.parse(JSON.stringify(report.rows)), JSON.parse(JSON.stringify(expected)));
        });
      }
    }
  }

  test('metric and touchpoint filters keep exactly the matching rows', async () => {
    const journey = await app.services.journeys.get('acme');
    const report = await analyticsFor(app.services).scores('acme', {
      from: '2025-01-01',
      to: '2025-06-30',
      by: 'touchpoint',
      metric: 'csat,rating',
      touchpoint: 'unboxing,support-chat,delivery',
    });
    const rows = referenceRows(fixture, journey).filter(
      (r) =>
        ['csat', 'rating'].includes(r.metric) &&
        ['unboxing', 'support-chat', 'delivery'].includes(r.touchpoint),
    );
    const expected = aggregateScores(rows, { groupBy: ['touchpoint'] }).rows.map(toReportRow);
    assert.deepEqual(JSON.parse(JSON.stringify(report.rows)), JSON.parse(JSON.stringify(expected)));
    // unboxing mixes a 1-5 and a 1-7 CSAT; support-chat ratings mix 0-4 and 1-5
    const supportChat = report.rows.find((r) => r.touchpoint === 'support-chat') as {
      rating: { flags: string[] };
    };
    assert.ok(supportChat.rating.flags.includes('mixed-scales'));
  });
});
