import type { z } from 'zod';
import type { JourneyIndex } from '../../core/journey/rules.ts';
import type { Failure } from '../../core/journey/schema.ts';
import {
  compareKeyed,
  finishScores,
  SCORE_METRICS,
  type GroupValue,
  type MetricScores,
  type MetricSums,
  type ScoreMetric,
} from '../../core/metrics/aggregate.ts';
import { compareCsat, compareMeans, compareNps } from '../../core/metrics/compare.ts';
import { DEFAULT_ALPHA, DEFAULT_MIN_N, type Comparison } from '../../core/metrics/score-types.ts';
import { holmAdjust } from '../../core/stats/holm.ts';
import type { Store } from '../../platform/store/port.ts';
import { parseDimension, type Dimension } from './dimensions.ts';
import { FAILURE_KEY, loadGroupedSums, type GroupedSums } from './grouped-sums.ts';
import {
  Issues,
  resolveDimensions,
  resolveMetrics,
  resolveTouchpoints,
  resolveWindow,
  type compareQuerySchema,
} from './params.ts';
import { traitNotes } from './scores.ts';
import { previousWindow, windowJson, type TimeWindow } from '../../platform/time/window.ts';

/**
 * Two periods, two segments, or responses with and without a failure, side by side per group and
 * metric with a two-sided test of the change (b - a): a dashboard says "significant drop" only
 * when `change.significant` is true. Tests: NPS z on unpooled variances, CSAT pooled two-proportion
 * z, CES and ratings Welch t (core/metrics/compare.ts).
 */
export type CompareMode =
  | { kind: 'period'; baseline: TimeWindow }
  | { kind: 'segment'; dimension: Dimension & { kind: 'trait' }; a: string; b: string }
  | { kind: 'failure'; failure: Failure; days: number };

export interface CompareParams {
  window: TimeWindow;
  mode: CompareMode;
  by: Dimension[];
  metrics: ScoreMetric[] | null;
  touchpoints: string[] | null;
  minN: number;
  alpha: number;
}

export const DEFAULT_FAILURE_DAYS = 7;

export function resolveCompareParams(
  query: z.output<typeof compareQuerySchema>,
  journey: JourneyIndex,
): CompareParams {
  const issues = new Issues();
  const window = resolveWindow(issues, query.from, query.to);
  const by = resolveDimensions(issues, query.by);
  const modes = [
    query.failure && 'failure',
    query.segment && 'segment',
    (query.baselineFrom || query.baselineTo) && 'baseline',
  ];
  if (modes.filter(Boolean).length > 1) {
    issues.add(
      '',
      'conflicting_modes',
      'compare periods (baselineFrom/baselineTo), a segment, or a failure: one at a time',
    );
  }
  let mode: CompareMode = { kind: 'period', baseline: previousWindow(window) };
  if (query.failure !== undefined) {
    const failure = journey.map.failures.find((f) => f.id === query.failure);
    if (!failure) {
      const known = journey.map.failures.map((f) => f.id).join(', ') || 'none';
      issues.add('failure', 'unknown_failure', `not a failure of the journey map (it has: ${known})`);
    } else mode = { kind: 'failure', failure, days: query.followDays ?? DEFAULT_FAILURE_DAYS };
  } else if (query.segment !== undefined) {
    const dimension = parseDimension(query.segment, 'segment');
    if ('path' in dimension) issues.list.push(dimension);
    else if (dimension.kind !== 'trait')
      issues.add('segment', 'invalid_segment', 'a segment is trait:<name>');
    if (query.a === undefined) issues.add('a', 'required', 'segment mode needs the reference value a');
    if (query.b === undefined) issues.add('b', 'required', 'segment mode needs the value b to compare');
    if (query.a !== undefined && query.a === query.b) issues.add('b', 'same_segment', 'must differ from a');
    if (!('path' in dimension) && dimension.kind === 'trait') {
      if (by.some((d) => d.key === dimension.key))
        issues.add('by', 'duplicate', `already compares ${dimension.key}`);
      mode = { kind: 'segment', dimension, a: query.a ?? '', b: query.b ?? '' };
    }
  } else if (query.baselineFrom !== undefined || query.baselineTo !== undefined) {
    if (query.baselineFrom === undefined || query.baselineTo === undefined) {
      issues.add(
        query.baselineFrom === undefined ? 'baselineFrom' : 'baselineTo',
        'required',
        'give both ends of the baseline',
      );
    } else {
      const paths = { from: 'baselineFrom', to: 'baselineTo' };
      mode = { kind: 'period', baseline: resolveWindow(issues, query.baselineFrom, query.baselineTo, paths) };
    }
  }
  const params: CompareParams = {
    window,
    mode,
    by,
    metrics: resolveMetrics(issues, query.metric),
    touchpoints: resolveTouchpoints(issues, journey, query.touchpoint, 'touchpoint'),
    minN: query.minN ?? DEFAULT_MIN_N,
    alpha: query.alpha ?? DEFAULT_ALPHA,
  };
  issues.done();
  return params;
}

export interface MetricChange<S> {
  a: S;
  b: S;
  /**
   * b - a with its test. `significant` is that one test at alpha; `pAdjusted` is Holm-adjusted
   * across every test of the report, the one to go by when scanning many rows for changes.
   */
  change: Comparison & { pAdjusted: number | null };
}

export interface CompareReport {
  window: { from: string; to: string };
  mode: CompareMode['kind'];
  a: { label: string; window: { from: string; to: string } };
  b: { label: string; window: { from: string; to: string } };
  by: string[];
  metrics: ScoreMetric[] | null;
  minN: number;
  alpha: number;
  /** grouping keys, then per metric {a, b, change} with change = b - a */
  rows: Record<string, unknown>[];
  notes: string[];
}

const EMPTY: Required<MetricSums> = {
  nps: { n: 0, promoters: 0, detractors: 0 },
  csat: { n: 0, satisfied: 0 },
  ces: { n: 0, sum: 0, sumSquares: 0, easy: 0, scaleMin: 1, scaleMax: 7, mixedScales: false },
  rating: { n: 0, sum: 0, sumSquares: 0, scaleMin: 0, scaleMax: 1, mixedScales: false },
};

function compareMetric(
  metric: ScoreMetric,
  a: MetricSums,
  b: MetricSums,
  alpha: number,
  minN: number,
): Comparison {
  const options = { alpha, minN };
  switch (metric) {
    case 'nps':
      return compareNps(a.nps ?? EMPTY.nps, b.nps ?? EMPTY.nps, options);
    case 'csat':
      return compareCsat(a.csat ?? EMPTY.csat, b.csat ?? EMPTY.csat, options);
    case 'ces':
      return compareMeans(a.ces ?? EMPTY.ces, b.ces ?? EMPTY.ces, options);
    case 'rating':
      return compareMeans(a.rating ?? EMPTY.rating, b.rating ?? EMPTY.rating, options);
  }
}

/** Pairs the a and b groups by their keys; a side without responses gets an empty score. */
function pairRows(
  a: readonly GroupedSums[],
  b: readonly GroupedSums[],
  order: readonly string[],
  params: CompareParams,
): Record<string, unknown>[] {
  const pairs = new Map<string, { keys: Record<string, GroupValue>; a: MetricSums; b: MetricSums }>();
  const pair = (keys: Record<string, GroupValue>) => {
    const id = JSON.stringify(order.map((k) => keys[k] ?? null));
    let entry = pairs.get(id);
    if (!entry) {
      entry = { keys: Object.fromEntries(order.map((k) => [k, keys[k] ?? null])), a: {}, b: {} };
      pairs.set(id, entry);
    }
    return entry;
  };
  for (const group of a) pair(group.keys).a = group.sums;
  for (const group of b) pair(group.keys).b = group.sums;
  const sorted = [...pairs.values()].sort((x, y) =>
    compareKeyed({ periodStart: null, keys: x.keys }, { periodStart: null, keys: y.keys }, order),
  );
  const changes: MetricChange<unknown>['change'][] = [];
  const rows = sorted.map((entry) => {
    const row: Record<string, unknown> = { ...entry.keys };
    for (const metric of SCORE_METRICS) {
      if (!entry.a[metric] && !entry.b[metric]) continue;
      const scores = (sums: MetricSums): MetricScores[ScoreMetric] =>
        finishScores({ [metric]: sums[metric] ?? EMPTY[metric] }, { minN: params.minN })[metric];
      const change = {
        ...compareMetric(metric, entry.a, entry.b, params.alpha, params.minN),
        pAdjusted: null,
      };
      changes.push(change);
      row[metric] = { a: scores(entry.a), b: scores(entry.b), change };
    }
    return row;
  });
  // Twenty rows of four metrics are eighty tests: about four "significant" changes by chance alone.
  const adjusted = holmAdjust(changes.map((c) => c.p));
  changes.forEach((change, i) => (change.pAdjusted = adjusted[i] ?? null));
  return rows;
}

export async function compareReport(
  store: Store,
  workspaceId: string,
  journey: JourneyIndex,
  params: CompareParams,
): Promise<CompareReport> {
  const spec = {
    window: params.window,
    dimensions: params.by,
    interval: null,
    metrics: params.metrics,
    touchpoints: params.touchpoints,
  };
  const order = params.by.map((d) => d.key);
  const here = windowJson(params.window);
  const { mode } = params;
  let a: GroupedSums[];
  let b: GroupedSums[];
  let labels: [string, string];
  let aWindow = here;
  let notes: string[];
  if (mode.kind === 'period') {
    [a, b] = await Promise.all([
      loadGroupedSums(store, workspaceId, journey, { ...spec, window: mode.baseline }),
      loadGroupedSums(store, workspaceId, journey, spec),
    ]);
    aWindow = windowJson(mode.baseline);
    labels = ['baseline', 'current'];
    notes = traitNotes([...a, ...b], params);
  } else if (mode.kind === 'segment') {
    const groups = await loadGroupedSums(store, workspaceId, journey, {
      ...spec,
      dimensions: [...params.by, mode.dimension],
    });
    a = groups.filter((g) => g.keys[mode.dimension.key] === mode.a);
    b = groups.filter((g) => g.keys[mode.dimension.key] === mode.b);
    labels = [`${mode.dimension.key}=${mode.a}`, `${mode.dimension.key}=${mode.b}`];
    notes = traitNotes(groups, { by: [...params.by, mode.dimension] });
    for (const [side, value] of [
      [a, mode.a],
      [b, mode.b],
    ] as const) {
      if (side.length === 0)
        notes.push(`no response in this window comes from a customer with ${mode.dimension.key}=${value}`);
    }
  } else {
    const groups = await loadGroupedSums(store, workspaceId, journey, {
      ...spec,
      failure: { failure: mode.failure, days: mode.days },
    });
    a = groups.filter((g) => g.keys[FAILURE_KEY] === false);
    b = groups.filter((g) => g.keys[FAILURE_KEY] === true);
    labels = [`without ${mode.failure.id}`, `within ${mode.days} days after ${mode.failure.id}`];
    notes = traitNotes(groups, params);
  }
  return {
    window: here,
    mode: mode.kind,
    a: { label: labels[0], window: aWindow },
    b: { label: labels[1], window: here },
    by: order,
    metrics: params.metrics,
    minN: params.minN,
    alpha: params.alpha,
    rows: pairRows(a, b, order, params),
    notes,
  };
}
