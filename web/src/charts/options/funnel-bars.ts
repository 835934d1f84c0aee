import type { FunnelStage } from '../../api/analytics.ts';
import type { ChartOption } from '../echarts.ts';
import { COLORS } from '../palette.ts';
import { formatCount, formatShare } from '../../lib/format.ts';

/** The stage funnel as bars from the first stage down, each labelled with people and conversion. */
export function funnelBarsOption(stages: FunnelStage[], names: (id: string) => string): ChartOption {
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 170, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', show: false },
    yAxis: {
      type: 'category',
      inverse: true,
      data: stages.map((s) => names(s.stage)),
      axisTick: { show: false },
    },
    series: [
      {
        type: 'bar',
        name: 'people',
        barWidth: '60%',
        itemStyle: { color: COLORS.accent, borderRadius: [0, 4, 4, 0] },
        label: {
          show: true,
          position: 'right',
          color: COLORS.ink,
          formatter: (p: { dataIndex: number }) => {
            const s = stages[p.dataIndex]!;
            return s.conversionRate === null
              ? formatCount(s.customers)
              : `${formatCount(s.customers)}  (${formatShare(s.conversionRate)} of previous)`;
          },
        },
        data: stages.map((s) => s.customers),
      },
    ],
  };
}
