import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  accumulateFeedback,
  aggregateScores,
  finishScores,
  toReportRow,
  type FeedbackRow,
} from './aggregate.ts';
import { cesScore } from './ces.ts';
import { csatScore } from './csat.ts';
import { npsScore } from './nps.ts';
import { assertClose, assertNoNaN } from './testing.ts';

const t = (iso: string): number => Date.parse(iso);

function rows(): FeedbackRow[] {
  const out: FeedbackRow[] = [];
  const add = (
    touchpoint: string,
    metric: string,
    scores: number[],
    scale: [number, number],
    iso: string,
    extra = {},
  ) => {
    for (const score of scores) {
      out.push({
        touchpoint,
        metric,
        score,
        scaleMin: scale[0],
        scaleMax: scale[1],
        timestamp: t(iso),
        ...extra,
      });
    }
  };
  // checkout NPS: week of Mon 2025-01-06 has 10 9 8 6 3 -> n 5, 2 promoters, 2 detractors
  add('checkout', 'nps', [10, 9], [0, 10], '2025-01-06T00:00:00Z', { channel: 'web' });
  add('checkout', 'nps', [8, 6, 3], [0, 10], '2025-01-08T15:30:00Z', { channel: 'app' });
  // ... and one promoter on Sunday 2025-01-05, which belongs to the week of 2024-12-30
  add('checkout', 'nps', [10], [0, 10], '2025-01-05T23:59:59.999Z', { channel: 'web' });
  // delivery CSAT on two scales: 1-5 top two boxes are 4-5 (5 4 of 5 4 3 2), 1-7 are 6-7 (7 6 of 7 6 5)
  add('delivery', 'csat', [5, 4, 3, 2], [1, 5], '2025-01-07T08:00:00Z', { channel: 'web' });
  add('delivery', 'csat', [7, 6, 5], [1, 7], '2025-01-09T08:00:00Z', { channel: 'app' });
  // support CES, the example of ces.test.ts: mean 4.875, 5 of 8 easy
  add('support', 'ces', [2, 4, 5, 6, 7, 7, 3, 5], [1, 7], '2025-01-10T10:00:00Z', { channel: null });
  // app ratings on two scales: flagged, not hidden
  add('app', 'rating', [4, 5], [1, 5], '2025-01-11T10:00:00Z');
  add('app', 'rating', [8], [1, 10], '2025-02-01T00:00:00Z');
  // free text is not a score
  add('support', 'text', [0], [0, 1], '2025-01-10T10:00:00Z');
  return out;
}

describe('aggregateScores', () => {
  it('groups by touchpoint and ISO week', () => {
    const result = aggregateScores(rows(), { groupBy: ['touchpoint'], interval: 'week' });
    assert.equal(result.skippedRows, 1);
    const summary = result.rows.map((row) => `${row.period} ${row.keys.touchpoint}`);
    assert.deepEqual(summary, [
      '2024-12-30 checkout',
      '2025-01-06 app',
      '2025-01-06 checkout',
      '2025-01-06 delivery',
      '2025-01-06 support',
      '2025-01-27 app',
    ]);
    const checkout = result.rows[2]!;
    assert.deepEqual(checkout.nps, npsScore({ n: 5, promoters: 2, detractors: 2 }));
    assert.equal(checkout.nps?.value, 0);
    assert.equal(checkout.csat, undefined);
    // 4 of 7 satisfied across the 1-5 and 1-7 scales = 57.142857 %
    const delivery = result.rows[3]!;
    assert.deepEqual(delivery.csat, csatScore({ n: 7, satisfied: 4 }));
    assertClose(delivery.csat?.value, 400 / 7, 1e-12);
    const support = result.rows[4]!;
    assert.deepEqual(support.ces, cesScore({ n: 8, sum: 39, sumSquares: 213, easy: 5 }));
    assert.equal(result.rows[0]!.nps?.value, 100);
    assertNoNaN(result);
  });

  it('one period and one group without options; mixed rating scales are flagged', () => {
    const result = aggregateScores(rows());
    assert.equal(result.rows.length, 1);
    const row = result.rows[0]!;
    assert.equal(row.period, null);
    // NPS over all six answers: 10 9 8 6 3 10 -> 3 promoters, 2 detractors
    assert.equal(row.nps?.n, 6);
    assertClose(row.nps?.value, 100 / 6, 1e-12);
    // ratings 4 5 8: mean 17 / 3, interval clipped to the union of the scales [1, 10]
    assertClose(row.rating?.value, 17 / 3, 1e-12);
    assert.deepEqual(row.rating?.flags, ['mixed-scales']);
    assert.deepEqual(row.rating?.ci95?.[0], 1);
  });

  it('groups by any key and by month; missing keys group as null, sorted last', () => {
    const result = aggregateScores(rows(), { groupBy: ['channel'], interval: 'month' });
    const summary = result.rows.map(
      (row) => `${row.period} ${String(row.keys.channel)} ${row.nps?.n ?? '-'}`,
    );
    assert.deepEqual(summary, [
      '2025-01-01 app 3',
      '2025-01-01 web 3',
      '2025-01-01 null -',
      '2025-02-01 null -',
    ]);
  });

  it('matches finishing the accumulated sums (the SQL path calls finishScores too)', () => {
    const { groups } = accumulateFeedback(rows(), { groupBy: ['touchpoint'] });
    const support = groups.find((group) => group.keys.touchpoint === 'support')!;
    assert.deepEqual(support.sums.ces, {
      n: 8,
      sum: 39,
      sumSquares: 213,
      easy: 5,
      scaleMin: 1,
      scaleMax: 7,
      mixedScales: false,
    });
    const viaSums = finishScores(support.sums);
    const direct = aggregateScores(rows(), { groupBy: ['touchpoint'] }).rows.find(
      (row) => row.keys.touchpoint === 'support',
    );
    assert.deepEqual(direct?.ces, viaSums.ces);
  });

  it('minN flows through', () => {
    const result = aggregateScores(rows(), { minN: 5, groupBy: ['touchpoint'] });
    const checkout = result.rows.find((row) => row.keys.touchpoint === 'checkout')!;
    assert.equal(checkout.nps?.insufficient, false); // n = 6 >= 5
  });

  it('report rows put keys and period next to the metric objects', () => {
    const result = aggregateScores(rows(), { groupBy: ['touchpoint'], interval: 'week' });
    const report = toReportRow(result.rows[2]!);
    assert.deepEqual(Object.keys(report), ['touchpoint', 'period', 'nps']);
    assert.equal(report.period, '2025-01-06');
    const json = JSON.parse(JSON.stringify(report)) as { nps: Record<string, unknown> };
    for (const field of ['value', 'n', 'ci95', 'insufficient']) assert.ok(field in json.nps);
  });

  it('rejects rows that cannot be scored, naming the row and field', () => {
    const bad = (patch: Partial<FeedbackRow>): FeedbackRow[] => [{ ...rows()[0]!, ...patch }];
    assert.throws(() => aggregateScores(bad({ score: 11 })), /rows\[0\]\.score/);
    assert.throws(() => aggregateScores(bad({ score: NaN })), /rows\[0\]\.score/);
    assert.throws(() => aggregateScores(bad({ scaleMin: 1, scaleMax: 5, score: 3 })), /0-10 scale/);
    assert.throws(() => aggregateScores(bad({ timestamp: Number.NaN }), { interval: 'day' }), /timestamp/);
    assert.throws(
      () => aggregateScores(bad({ channel: { nested: true } }), { groupBy: ['channel'] }),
      /channel/,
    );
    assert.throws(
      () => aggregateScores([{ ...rows()[0]!, metric: 'csat', scaleMin: 1, scaleMax: 2, score: 2 }]),
      RangeError,
    );
  });

  it('no rows: no groups', () => {
    assert.deepEqual(aggregateScores([]), { rows: [], skippedRows: 0 });
  });

  it('counts add up over random data and nothing is NaN', () => {
    let seed = 7;
    const random = (): number => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const data: FeedbackRow[] = [];
    for (let i = 0; i < 2000; i++) {
      const metric = (['nps', 'csat', 'ces', 'rating'] as const)[Math.floor(random() * 4)]!;
      const scale: [number, number] = metric === 'nps' ? [0, 10] : metric === 'ces' ? [1, 7] : [1, 5];
      data.push({
        touchpoint: `tp${Math.floor(random() * 5)}`,
        metric,
        score: scale[0] + Math.floor(random() * (scale[1] - scale[0] + 1)),
        scaleMin: scale[0],
        scaleMax: scale[1],
        timestamp: t('2025-01-01T00:00:00Z') + Math.floor(random() * 90 * 86_400_000),
        segment: random() < 0.5 ? 'new' : 'returning',
      });
    }
    const result = aggregateScores(data, { groupBy: ['touchpoint', 'segment'], interval: 'day' });
    assertNoNaN(result);
    let total = 0;
    for (const row of result.rows) {
      total += (row.nps?.n ?? 0) + (row.csat?.n ?? 0) + (row.ces?.n ?? 0) + (row.rating?.n ?? 0);
    }
    assert.equal(total, 2000);
  });
});
