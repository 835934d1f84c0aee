import assert from 'node:assert/strict';
import { test } from 'node:test';
import { echarts } from '../../web/src/charts/echarts.ts';
import { scoreSeriesOption } from '../../web/src/charts/options/score-series.ts';

/**
 * The scores chart's 95 % band, laid out by the real ECharts (server-side rendering, no browser):
 * an NPS interval crossing 0 must span its own ends. ECharts stacks only values of one sign by
 * default, which drew VIP NPS [-19.3, 100] from 0 to 119.3.
 */
test('a band with a negative lower bound is drawn from its lower to its upper bound', () => {
  const score = (value: number, ci95: [number, number]) => ({
    value,
    n: 12,
    ci95,
    insufficient: true,
    flags: ['small sample'],
  });
  const option = scoreSeriesOption(
    ['2025-05', '2025-06'],
    [{ name: 'vip', points: [score(40, [-19.3, 100]), score(55, [10, 90])] }],
    (v) => v.toFixed(1),
    (p) => p,
  );
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 600, height: 300 });
  try {
    chart.setOption(option);
    const model = (
      chart as unknown as { getModel(): { getSeriesByIndex(i: number): { getData(): BandData } } }
    ).getModel();
    const top = model.getSeriesByIndex(2).getData();
    const stacked = top.getCalculationInfo('stackResultDimension');
    // the band's upper edge is the interval's upper bound, for the interval crossing 0 too
    assert.equal(top.get(stacked, 0), 100);
    assert.equal(top.get(stacked, 1), 90);
    const low = model.getSeriesByIndex(1).getData();
    assert.equal(low.get(low.getCalculationInfo('stackResultDimension'), 0), -19.3);
  } finally {
    chart.dispose();
  }
});

interface BandData {
  getCalculationInfo(key: 'stackResultDimension'): string;
  get(dimension: string, index: number): number;
}
