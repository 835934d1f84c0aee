import type { JourneyIndex } from '../../core/journey/rules.ts';
import { finishScores, toReportRow, type ScoreMetric, type ScoreRow } from '../../core/metrics/aggregate.ts';
import { periodLabel, type TimeBucket } from '../../core/metrics/period.ts';
import type { Store } from '../../platform/store/port.ts';
import { loadGroupedSums, type GroupedSums } from './grouped-sums.ts';
import type { ScoresParams } from './params.ts';
import { windowJson } from '../../platform/time/window.ts';

/** `cxloop report scores --format json` and GET /v1/analytics/scores. */
export interface ScoresReport {
  window: { from: string; to: string };
  by: string[];
  interval: TimeBucket | null;
  metrics: ScoreMetric[] | null;
  minN: number;
  /** grouping keys and `period` at the top level, next to one score object per metric present */
  rows: Record<string, unknown>[];
  notes: string[];
}

/** Says so when a trait grouped by is missing everywhere, rather than leaving one puzzling null group. */
export function traitNotes(groups: readonly GroupedSums[], params: Pick<ScoresParams, 'by'>): string[] {
  const notes: string[] = [];
  for (const dimension of params.by) {
    if (dimension.kind !== 'trait' || groups.length === 0) continue;
    if (groups.every((g) => g.keys[dimension.key] === null)) {
      notes.push(`no respondent in this window has the trait "${dimension.name}"; its rows show it as null`);
    }
  }
  return notes;
}

export async function scoresReport(
  store: Store,
  workspaceId: string,
  journey: JourneyIndex,
  params: ScoresParams,
): Promise<ScoresReport> {
  const groups = await loadGroupedSums(store, workspaceId, journey, {
    window: params.window,
    dimensions: params.by,
    interval: params.interval,
    metrics: params.metrics,
    touchpoints: params.touchpoints,
  });
  // A year of weeks has 53 labels for hundreds of rows.
  const labels = new Map<number, string>();
  const label = (start: number) => {
    let text = labels.get(start);
    if (text === undefined) labels.set(start, (text = periodLabel(start)));
    return text;
  };
  return {
    window: windowJson(params.window),
    by: params.by.map((d) => d.key),
    interval: params.interval,
    metrics: params.metrics,
    minN: params.minN,
    rows: groups.map((group) => {
      const row = finishScores(group.sums, { minN: params.minN }) as ScoreRow;
      row.keys = group.keys;
      row.periodStart = group.periodStart;
      row.period = group.periodStart === null ? null : label(group.periodStart);
      return toReportRow(row);
    }),
    notes: traitNotes(groups, params),
  };
}
