import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testApp } from '../../../tests/helpers.ts';
import { analyticsFor } from './service.ts';
import { FIXTURE_NOW } from './test-fixture.ts';

/**
 * Journey time, retention cohorts, repeat purchase and churn against numbers worked out by hand
 * for seven people (window: the first half of 2025; clock: 2025-07-01; churn after 90 days).
 */
const DAY = 86_400_000;
const e = (who: string, name: string, day: string) => ({
  ...(who.startsWith('anon-') ? { anonymousId: who } : { customerId: who }),
  name,
  timestamp: `${day}T12:00:00Z`,
});
const EVENTS = [
  // A: buys two days after the first touch, again in February, last seen 1 March
  e('A', 'Product Viewed', '2025-01-10'),
  e('A', 'Order Completed', '2025-01-12'),
  e('A', 'Order Completed', '2025-02-15'),
  e('A', 'Product Viewed', '2025-03-01'),
  // B: buys after four days and closes the account fifteen days later
  e('B', 'Ad Viewed', '2025-02-01'),
  e('B', 'Order Completed', '2025-02-05'),
  e('B', 'Account Closed', '2025-02-20'),
  // C: looks twice, never buys
  e('C', 'Product Viewed', '2025-03-01'),
  e('C', 'Product Viewed', '2025-03-02'),
  // D: already active before the window (mid-journey), buys in January
  e('D', 'Product Viewed', '2024-12-20'),
  e('D', 'Order Completed', '2025-01-05'),
  // an anonymous visitor
  e('anon-1', 'Product Viewed', '2025-04-01'),
  // F: arrives late in June; G: January and May
  e('F', 'Product Viewed', '2025-06-20'),
  e('G', 'Product Viewed', '2025-01-20'),
  e('G', 'Product Viewed', '2025-05-01'),
];
const WINDOW = { from: '2025-01-01', to: '2025-06-30' };

describe('journey time, retention, repeat purchase and churn', () => {
  let app: Awaited<ReturnType<typeof testApp>>;
  before(async () => {
    app = await testApp(() => FIXTURE_NOW);
    await app.services.ingest.own('acme', 'events', { batch: EVENTS }, FIXTURE_NOW);
  });
  after(() => app?.close());

  test('buying and owning times over journeys that start in the window', async () => {
    const report = await analyticsFor(app.services).journeyTime('acme', WINDOW);
    // A, B, C, the visitor, F and G start in the window; D was active in December
    assert.equal(report.journeys, 6);
    assert.equal(report.startedBefore, 1);
    // buying: A 2 days, B 4 days -> percentile_cont over [2, 4]
    assert.deepEqual(report.buying, { n: 2, p25: 2.5 * DAY, median: 3 * DAY, p75: 3.5 * DAY });
    // owning: B 15 days (to the churn event), A 48 days (to the last interaction) -> [15, 48]
    assert.deepEqual(report.owning, {
      n: 2,
      p25: 23.25 * DAY,
      median: 31.5 * DAY,
      p75: 39.75 * DAY,
      endedByChurn: 1,
    });
  });

  test('monthly cohorts of customers new in the window', async () => {
    const any = await analyticsFor(app.services).retention('acme', WINDOW);
    // Every observed month is listed, 0 where nobody came back (April for January: observed,
    // nobody active; before issue 14 it was left out and drawn blank like an unobserved month).
    const m = (offset: number, active: number, customers: number) => ({
      offset,
      active,
      rate: active / customers,
      partial: false,
    });
    assert.deepEqual(any.cohorts, [
      {
        cohort: '2025-01',
        customers: 2, // A and G (D is not new)
        months: [m(0, 2, 2), m(1, 1, 2), m(2, 1, 2), m(3, 0, 2), m(4, 1, 2), m(5, 0, 2)],
      },
      {
        cohort: '2025-02',
        customers: 1,
        months: [m(0, 1, 1), m(1, 0, 1), m(2, 0, 1), m(3, 0, 1), m(4, 0, 1)],
      },
      { cohort: '2025-03', customers: 1, months: [m(0, 1, 1), m(1, 0, 1), m(2, 0, 1), m(3, 0, 1)] },
      { cohort: '2025-06', customers: 1, months: [m(0, 1, 1)] },
    ]);
    // by purchases: D bought nothing before the window, so it is a new buyer in January
    const purchase = await analyticsFor(app.services).retention('acme', { ...WINDOW, activity: 'purchase' });
    assert.deepEqual(
      purchase.cohorts.map((c) => [c.cohort, c.customers, c.months.map((m) => [m.offset, m.active])]),
      [
        [
          '2025-01',
          2,
          [
            [0, 2],
            [1, 1],
            [2, 0],
            [3, 0],
            [4, 0],
            [5, 0],
          ],
        ],
        [
          '2025-02',
          1,
          [
            [0, 1],
            [1, 0],
            [2, 0],
            [3, 0],
            [4, 0],
          ],
        ],
      ],
    );
  });

  test('the month observed only in part is marked, later months are not listed', async () => {
    // The clock in mid-June: June is partial, and nothing after it is listed (not 0 %).
    const midJune = await testApp(() => Date.parse('2025-06-15T00:00:00Z'));
    try {
      await midJune.services.ingest.own(
        'acme',
        'events',
        { batch: EVENTS.filter((x) => x.timestamp < '2025-06-15') },
        FIXTURE_NOW,
      );
      const report = await analyticsFor(midJune.services).retention('acme', WINDOW);
      const january = report.cohorts.find((c) => c.cohort === '2025-01')!;
      assert.deepEqual(
        january.months.map((x) => [x.offset, x.partial]),
        [
          [0, false],
          [1, false],
          [2, false],
          [3, false],
          [4, false],
          [5, true],
        ],
      );
      assert.ok(
        report.notes.some((n) => n.includes('observed only until 2025-06-15')),
        report.notes.join('; '),
      );
    } finally {
      await midJune.close();
    }
  });

  test('repeat purchase and churn', async () => {
    const report = await analyticsFor(app.services).retention('acme', WINDOW);
    // buyers A, B, D; A bought twice
    assert.equal(report.repeatPurchase.customers, 3);
    assert.equal(report.repeatPurchase.repeaters, 1);
    assert.equal(report.repeatPurchase.rate, 1 / 3);
    // at risk: first active before 2 April (90 days before 1 July): A, B, C, D, G.
    // B closed the account; A, C and D have been silent since before 2 April; G was seen in May.
    assert.deepEqual(
      { ...report.churn, ci95: null },
      { customers: 5, churned: 4, byEvent: 1, byInactivity: 3, rate: 0.8, ci95: null },
    );
    assert.ok(report.churn.ci95![0] < 0.8 && report.churn.ci95![1] > 0.8);
    const shorter = await analyticsFor(app.services).retention('acme', { ...WINDOW, churnDays: '30' });
    // cutoff 1 June: F (first seen 20 June) is too new; G's last sign of life was 1 May
    assert.deepEqual([shorter.churn.customers, shorter.churn.byInactivity], [5, 4]);
  });
});
