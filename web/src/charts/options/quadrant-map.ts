import type { ChartOption } from '../echarts.ts';
import { tooltipHtml } from '../html.ts';
import { COLORS } from '../palette.ts';

export interface QuadrantPoint {
  name: string;
  x: number;
  y: number;
  /** the quadrant the analysis put the point in */
  group: string;
}

export interface QuadrantSpec {
  points: QuadrantPoint[];
  xName: string;
  yName: string;
  xCut: number;
  yCut: number;
  /** names of the four corners, clockwise from top left */
  corners: [topLeft: string, topRight: string, bottomRight: string, bottomLeft: string];
  groupColors: Record<string, string>;
  format: (value: number) => string;
  /** the x axis in other units than the y axis */
  formatX?: (value: number) => string;
  /** fixed axis ranges (e.g. 0-100 % for shares) instead of padding around the points */
  xBounds?: readonly [number, number];
  yBounds?: readonly [number, number];
  /** false: no corner names (when no point has the evidence to be read by its corner) */
  showCorners?: boolean;
}

/**
 * A labelled scatter split into four quadrants by two cut lines: the MICMAC influence/dependence
 * map, the DEMATEL cause-effect diagram and the importance-performance chart all use it.
 */
export function quadrantOption(spec: QuadrantSpec): ChartOption {
  const xs = spec.points.map((p) => p.x).concat(spec.xCut);
  const ys = spec.points.map((p) => p.y).concat(spec.yCut);
  const pad = (values: number[]) => {
    const lo = Math.min(...values);
    const hi = Math.max(...values);
    const span = hi - lo || Math.abs(hi) || 1;
    return [lo - span * 0.12, hi + span * 0.12] as const;
  };
  const [xMin, xMax] = spec.xBounds ?? pad(xs);
  const [yMin, yMax] = spec.yBounds ?? pad(ys);
  const groups = [...new Set(spec.points.map((p) => p.group))];
  return {
    tooltip: {
      formatter: (p: { data: { name: string; value: [number, number] } }) =>
        tooltipHtml`${p.data.name}<br>${spec.xName}: ${(spec.formatX ?? spec.format)(p.data.value[0])}<br>${spec.yName}: ${spec.format(p.data.value[1])}`,
    },
    legend: { bottom: 0, data: groups },
    grid: { left: 16, right: 24, top: 36, bottom: 56, containLabel: true },
    xAxis: {
      type: 'value',
      name: spec.xName,
      nameLocation: 'middle',
      nameGap: 28,
      min: xMin,
      max: xMax,
      axisLabel: { formatter: spec.formatX ?? spec.format },
      splitLine: { show: false },
    },
    yAxis: {
      type: 'value',
      name: spec.yName,
      nameLocation: 'end',
      min: yMin,
      max: yMax,
      axisLabel: { formatter: spec.format },
      splitLine: { show: false },
    },
    series: groups.map((group, i) => ({
      name: group,
      type: 'scatter',
      symbolSize: 12,
      itemStyle: { color: spec.groupColors[group] ?? COLORS.accent },
      label: { show: true, position: 'right', formatter: '{b}', color: COLORS.ink, fontSize: 11 },
      labelLayout: { hideOverlap: true },
      data: spec.points.filter((p) => p.group === group).map((p) => ({ name: p.name, value: [p.x, p.y] })),
      ...(i === 0
        ? {
            markLine: {
              silent: true,
              symbol: 'none',
              lineStyle: { color: COLORS.muted, type: 'dashed' },
              label: { show: false },
              data: [{ xAxis: spec.xCut }, { yAxis: spec.yCut }],
            },
            markArea: {
              silent: true,
              label: { color: COLORS.muted, fontWeight: 'bold', fontSize: 12 },
              itemStyle: { color: 'transparent' },
              data:
                spec.showCorners === false
                  ? []
                  : [
                      [
                        { name: spec.corners[0], coord: [xMin, yMax], label: { position: 'insideTopLeft' } },
                        { coord: [spec.xCut, spec.yCut] },
                      ],
                      [
                        {
                          name: spec.corners[1],
                          coord: [spec.xCut, yMax],
                          label: { position: 'insideTopRight' },
                        },
                        { coord: [xMax, spec.yCut] },
                      ],
                      [
                        {
                          name: spec.corners[2],
                          coord: [spec.xCut, spec.yCut],
                          label: { position: 'insideBottomRight' },
                        },
                        { coord: [xMax, yMin] },
                      ],
                      [
                        {
                          name: spec.corners[3],
                          coord: [xMin, spec.yCut],
                          label: { position: 'insideBottomLeft' },
                        },
                        { coord: [spec.xCut, yMin] },
                      ],
                    ],
            },
          }
        : {}),
    })),
  };
}
