import type { JourneyIndex } from '../../core/journey/rules.ts';
import type { Failure } from '../../core/journey/schema.ts';
import { compareKeyed, type GroupValue, type MetricSums } from '../../core/metrics/aggregate.ts';
import type { TimeBucket } from '../../core/metrics/period.ts';
import type { Store } from '../../platform/store/port.ts';
import { journeyValue, type Dimension } from './dimensions.ts';
import { scoresQuery } from './sql/scores.ts';
import { addSumsRow, metricSumsColumns } from './sums.ts';
import { bool, epochMs, nullable, numbered, row, text } from '../../platform/store/rows.ts';
import type { TimeWindow } from '../../platform/time/window.ts';

export interface GroupedSums {
  keys: Record<string, GroupValue>;
  periodStart: number | null;
  sums: MetricSums;
}

export interface SumsSpec {
  window: TimeWindow;
  dimensions: readonly Dimension[];
  interval: TimeBucket | null;
  metrics: readonly string[] | null;
  touchpoints: readonly string[] | null;
  /** adds the key `failure`: true for responses that follow the failure within `days` */
  failure?: { failure: Failure; days: number } | null;
}

export const FAILURE_KEY = 'failure';

/** A row of sql/scores.ts: the sums, then the keys the query grouped by (absent ones are null). */
const sumsRow = row({
  ...metricSumsColumns,
  period_start: nullable(epochMs),
  touchpoint: nullable(text),
  after_failure: nullable(bool),
});

/**
 * Counts and sums per group from one SQL query, grouped by the requested dimensions. SQL groups
 * by touchpoint and traits; stage, phase and channel are rolled up here from the journey map, so
 * a map edit needs no data rewrite and the SQL stays the same for every journey dimension.
 */
export async function loadGroupedSums(
  store: Store,
  workspaceId: string,
  journey: JourneyIndex,
  spec: SumsSpec,
): Promise<GroupedSums[]> {
  const traits = spec.dimensions.flatMap((d) => (d.kind === 'trait' ? [d.name] : []));
  const { sql, params } = scoresQuery(workspaceId, spec.window, {
    interval: spec.interval,
    byTouchpoint: spec.dimensions.some((d) => d.kind !== 'trait'),
    traits,
    metrics: spec.metrics,
    touchpoints: spec.touchpoints,
    failure: spec.failure ?? null,
  });
  const traitsOf = numbered('trait_', traits.length, nullable(text));
  const rows = await store.readRows(
    (raw) => Object.assign(sumsRow(raw), { traits: traitsOf(raw) }),
    sql,
    params,
  );
  const groups = new Map<string, GroupedSums>();
  for (const row of rows) {
    const keys: Record<string, GroupValue> = {};
    const periodStart = row.period_start;
    // A plain string key: this loop runs once per SQL row, and JSON.stringify showed in profiles.
    let id = String(periodStart);
    let trait = 0;
    for (const dimension of spec.dimensions) {
      const value =
        dimension.kind === 'trait'
          ? (row.traits[trait++] ?? null)
          : journeyValue(journey, row.touchpoint, dimension.kind);
      keys[dimension.key] = value;
      id += value === null ? '\u0000n' : `\u0000s${value}`;
    }
    if (spec.failure) {
      keys[FAILURE_KEY] = row.after_failure === true;
      id += `\u0000${keys[FAILURE_KEY]}`;
    }
    let group = groups.get(id);
    if (!group) {
      group = { keys, periodStart, sums: {} };
      groups.set(id, group);
    }
    addSumsRow(group.sums, row);
  }
  const order = spec.dimensions.map((d) => d.key);
  if (spec.failure) order.push(FAILURE_KEY);
  return [...groups.values()].sort((a, b) => compareKeyed(a, b, order));
}
