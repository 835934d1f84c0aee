import type { DematelResult } from '../../api/types.ts';
import type { ChartOption } from '../echarts.ts';
import { tooltipHtml } from '../html.ts';
import { COLORS } from '../palette.ts';
import { formatFixed3 } from '../../lib/format.ts';

export const GROUP_COLORS = { cause: '#c2372b', effect: '#2456c9', neutral: '#7a8495' } as const;

/**
 * The DEMATEL cause-effect diagram: prominence (R + C) across, relation (R - C) up, causes above
 * the zero line, and arrows for the total relations above the diagram's threshold.
 */
export function causeEffectOption(result: DematelResult): ChartOption {
  const nodes = result.variables.map((name, i) => ({
    name,
    value: [result.prominence[i] ?? 0, result.relation[i] ?? 0],
    itemStyle: { color: GROUP_COLORS[result.groups[i] ?? 'neutral'] },
  }));
  const arrows = result.diagram?.arrows ?? [];
  return {
    tooltip: {
      formatter: (p: {
        dataType?: string;
        data: { name?: string; value?: number[]; source?: string; target?: string; t?: number };
      }) =>
        p.dataType === 'edge'
          ? tooltipHtml`${p.data.source} → ${p.data.target}: ${formatFixed3(p.data.t)}`
          : tooltipHtml`${p.data.name}<br>prominence ${formatFixed3(p.data.value?.[0])}<br>relation ${formatFixed3(p.data.value?.[1])}`,
    },
    grid: { left: 16, right: 32, top: 30, bottom: 40, containLabel: true },
    xAxis: { type: 'value', name: 'prominence (R + C)', nameLocation: 'middle', nameGap: 26, scale: true },
    yAxis: { type: 'value', name: 'relation (R − C)', scale: true },
    series: [
      {
        type: 'graph',
        coordinateSystem: 'cartesian2d',
        symbolSize: 12,
        edgeSymbol: ['none', 'arrow'],
        edgeSymbolSize: 8,
        label: { show: true, position: 'right', color: COLORS.ink, fontSize: 11 },
        lineStyle: { color: COLORS.muted, opacity: 0.6, curveness: 0.15 },
        data: nodes,
        links: arrows.map((a) => ({ source: a.from, target: a.to, t: a.value })),
        markLine: {
          silent: true,
          symbol: 'none',
          lineStyle: { color: COLORS.muted, type: 'dashed' },
          label: { formatter: 'cause ↑  effect ↓', position: 'insideEndTop' },
          data: [{ yAxis: 0 }],
        },
      },
    ],
  };
}
