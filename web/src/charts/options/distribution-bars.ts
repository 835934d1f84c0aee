import type { ChartOption } from '../echarts.ts';
import { COLORS } from '../palette.ts';
import { formatCount } from '../../lib/format.ts';

/** How many responses gave each score, low scores (a bad experience) in red. */
export function distributionOption(
  counts: { score: number; n: number }[],
  isLow: (score: number) => boolean,
): ChartOption {
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 8, top: 24, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: counts.map((c) => String(c.score)),
      name: 'score',
      nameLocation: 'middle',
      nameGap: 24,
    },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { formatter: (v: number) => formatCount(v) } },
    series: [
      {
        type: 'bar',
        name: 'responses',
        label: { show: true, position: 'top', formatter: (p: { value: number }) => formatCount(p.value) },
        data: counts.map((c) => ({
          value: c.n,
          itemStyle: { color: isLow(c.score) ? COLORS.bad : COLORS.accent },
        })),
      },
    ],
  };
}
