import type { Score } from '../../api/analytics.ts';
import type { ChartOption } from '../echarts.ts';
import { tooltipHtml } from '../html.ts';

export interface ScoreSeries {
  name: string;
  /** one score per period, aligned with `periods`; undefined where the group had no responses */
  points: (Score | undefined)[];
}

const PALETTE = ['#2456c9', '#c2372b', '#1f8a4c', '#8e44ad', '#b7791f', '#0f766e', '#be185d', '#4b5563'];

/**
 * Score over time, one line per group, each with its 95 % band shaded (drawn as a transparent
 * lower bound plus a stacked band). Points from small samples are hollow and say so in the tooltip.
 * The band stacks with stackStrategy 'all': ECharts' default stacks only values of the same sign, so
 * an NPS interval of [-19.3, 100] was drawn from 0 up to 119.3 instead of from -19.3 to 100.
 */
export function scoreSeriesOption(
  periods: string[],
  series: ScoreSeries[],
  format: (value: number) => string,
  periodLabel: (period: string) => string,
): ChartOption {
  const lines = series.flatMap((s, i) => {
    const color = PALETTE[i % PALETTE.length]!;
    const stack = `band-${i}`;
    return [
      {
        name: s.name,
        type: 'line',
        color,
        connectNulls: false,
        symbolSize: 7,
        z: 3,
        data: s.points.map((p) =>
          p && p.value !== null
            ? {
                value: p.value,
                symbol: p.insufficient ? 'emptyCircle' : 'circle',
                n: p.n,
                ci: p.ci95,
                insufficient: p.insufficient,
              }
            : null,
        ),
      },
      {
        name: s.name,
        type: 'line',
        stack,
        stackStrategy: 'all',
        silent: true,
        symbol: 'none',
        lineStyle: { opacity: 0 },
        tooltip: { show: false },
        data: s.points.map((p) => p?.ci95?.[0] ?? null),
      },
      {
        name: s.name,
        type: 'line',
        stack,
        stackStrategy: 'all',
        silent: true,
        symbol: 'none',
        lineStyle: { opacity: 0 },
        areaStyle: { color, opacity: 0.12 },
        tooltip: { show: false },
        data: s.points.map((p) => (p?.ci95 ? p.ci95[1] - p.ci95[0] : null)),
      },
    ];
  });
  return {
    tooltip: {
      trigger: 'item',
      formatter: (p: {
        seriesName: string;
        name: string;
        data: { value: number; n: number; ci?: [number, number]; insufficient: boolean };
      }) =>
        tooltipHtml`${p.seriesName}, ${periodLabel(p.name)}<br><b>${format(p.data.value)}</b> (n = ${p.data.n}${
          p.data.ci ? `, 95 % CI ${format(p.data.ci[0])} to ${format(p.data.ci[1])}` : ''
        })` + (p.data.insufficient ? '<br>small sample' : ''),
    },
    legend: { top: 0, type: 'scroll', data: series.map((s) => s.name) },
    grid: { left: 12, right: 24, top: 40, bottom: 24, containLabel: true },
    xAxis: { type: 'category', data: periods, axisLabel: { formatter: periodLabel }, boundaryGap: false },
    yAxis: { type: 'value', scale: true, axisLabel: { formatter: format } },
    series: lines,
  };
}
