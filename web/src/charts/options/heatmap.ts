import type { ChartOption } from '../echarts.ts';
import { tooltipHtml } from '../html.ts';
import { COLORS, DIVERGING, SEQUENTIAL } from '../palette.ts';

export interface HeatmapSpec {
  rows: string[];
  columns: string[];
  /** values[row][column]; null cells are drawn empty (not measured, or not applicable) */
  values: (number | null)[][];
  /** what a cell shows instead of its number (for example "P"), by row and column */
  labels?: (string | null)[][];
  min: number;
  max: number;
  diverging?: boolean;
  /** diverging with high values bad (red) and low ones good (green) */
  reversed?: boolean;
  format: (value: number) => string;
  /** what the columns are, written under them; the rows are named in the chart's label */
  columnTitle: string;
}

/** A matrix as a grid of coloured cells, rows top to bottom in the given order, numbers in the cells. */
export function heatmapOption(spec: HeatmapSpec): ChartOption {
  const data: [number, number, number | null, string][] = [];
  spec.values.forEach((row, r) =>
    row.forEach((value, c) => {
      const label = spec.labels?.[r]?.[c] ?? (value === null ? '' : spec.format(value));
      data.push([c, r, value, label]);
    }),
  );
  const small = spec.columns.length > 12;
  return {
    tooltip: {
      formatter: (p: { data: [number, number, number | null, string] }) =>
        tooltipHtml`${spec.rows[p.data[1]]} → ${spec.columns[p.data[0]]}: ${p.data[3] || 'no data'}`,
    },
    grid: { left: 8, right: 8, top: 8, bottom: 70, containLabel: true },
    xAxis: {
      type: 'category',
      data: spec.columns,
      name: spec.columnTitle,
      nameLocation: 'middle',
      nameGap: 55,
      axisLabel: { rotate: 35, interval: 0, fontSize: small ? 9 : 11 },
      splitArea: { show: true },
    },
    yAxis: {
      type: 'category',
      data: spec.rows,
      inverse: true,
      axisLabel: { interval: 0, fontSize: small ? 9 : 11 },
      splitArea: { show: true },
    },
    visualMap: {
      min: spec.min,
      max: spec.max,
      dimension: 2,
      calculable: false,
      orient: 'horizontal',
      right: 0,
      bottom: 0,
      itemHeight: 120,
      textStyle: { color: COLORS.muted },
      inRange: {
        color: spec.diverging ? (spec.reversed ? [...DIVERGING].reverse() : DIVERGING) : SEQUENTIAL,
      },
    },
    series: [
      {
        type: 'heatmap',
        data,
        label: { show: !small, formatter: (p: { data: unknown[] }) => String(p.data[3] ?? '') },
        emphasis: { itemStyle: { borderColor: COLORS.ink, borderWidth: 1 } },
      },
    ],
  };
}
