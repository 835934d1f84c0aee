import type { z } from 'zod';
import type { JourneyIndex } from '../../core/journey/rules.ts';
import { funnelStagesFromCounts, type FunnelStage } from '../../core/metrics/funnel.ts';
import type { QuartileSummary } from '../../core/stats/quantiles.ts';
import type { Store } from '../../platform/store/port.ts';
import { nullable, num, numbered, row, text, type RowDecoder } from '../../platform/store/rows.ts';
import { parseDimension } from './dimensions.ts';
import { compareGroupValues } from '../../core/metrics/aggregate.ts';
import { Issues, resolveWindow, splitList, type funnelQuerySchema } from './params.ts';
import { funnelQuery, type FunnelBreakdown } from './sql/funnel.ts';
import { windowJson, type TimeWindow } from '../../platform/time/window.ts';

export interface FunnelParams {
  window: TimeWindow;
  stages: string[];
  /** `channel`, `trait:<name>` or null */
  by: string | null;
  breakdown: FunnelBreakdown;
}

export function resolveFunnelParams(
  query: z.output<typeof funnelQuerySchema>,
  journey: JourneyIndex,
): FunnelParams {
  const issues = new Issues();
  const window = resolveWindow(issues, query.from, query.to);
  const known = journey.map.stages.map((s) => s.id);
  const stages = splitList(query.stages) ?? known;
  const unknown = stages.filter((s) => !known.includes(s));
  if (unknown.length) issues.add('stages', 'unknown_stage', `not in the journey map: ${unknown.join(', ')}`);
  if (new Set(stages).size !== stages.length) issues.add('stages', 'duplicate', 'each stage at most once');
  if (stages.length === 0) issues.add('stages', 'too_small', 'a funnel needs at least one stage');
  let breakdown: FunnelBreakdown = null;
  if (query.by !== undefined) {
    const dimension = parseDimension(query.by, 'by');
    if ('path' in dimension) issues.list.push(dimension);
    else if (dimension.kind === 'trait') breakdown = { kind: 'trait', name: dimension.name };
    else if (dimension.kind === 'channel') {
      const channelOf = new Map(
        [...journey.touchpoints].map(([id, entry]) => [id, entry.touchpoint.channel]),
      );
      breakdown = { kind: 'channel', channelOf };
    } else issues.add('by', 'invalid_dimension', 'a funnel breaks down by channel or trait:<name>');
  }
  issues.done();
  return { window, stages, by: query.by?.trim() ?? null, breakdown };
}

/** Stage rows from the counts and quartiles SQL returns, with core's funnel arithmetic. */
export const funnelStages = funnelStagesFromCounts;

export interface FunnelReport {
  window: { from: string; to: string };
  by: string | null;
  /** people (customers and anonymous visitors) per stage, in order; durations in milliseconds */
  stages: FunnelStage[];
  /** one funnel per group, keyed by `by` (`{"channel": "ads", "stages": [...]}`); null without `by` */
  breakdown: Record<string, unknown>[] | null;
}

/** A row of sql/funnel.ts: one group (or the total), with per stage k reached_k and quartiles p25_k ... */
function funnelRow(stages: number): RowDecoder<FunnelRow> {
  const key = row({ grp: nullable(text), is_total: num });
  const reached = numbered('reached_', stages, num);
  const p25 = numbered('p25_', stages, nullable(num));
  const median = numbered('median_', stages, nullable(num));
  const p75 = numbered('p75_', stages, nullable(num));
  return (raw) =>
    Object.assign(key(raw), { reached: reached(raw), p25: p25(raw), median: median(raw), p75: p75(raw) });
}
interface FunnelRow {
  grp: string | null;
  is_total: number;
  reached: number[];
  p25: (number | null)[];
  median: (number | null)[];
  p75: (number | null)[];
}

function stagesOf(row: FunnelRow, stageIds: readonly string[]): FunnelStage[] {
  const durations = stageIds.map((_, k): QuartileSummary | null =>
    k === 0
      ? null
      : {
          n: row.reached[k]!,
          p25: row.p25[k] ?? null,
          median: row.median[k] ?? null,
          p75: row.p75[k] ?? null,
        },
  );
  return funnelStages(stageIds, row.reached, durations);
}

export async function funnelReport(
  store: Store,
  workspaceId: string,
  journey: JourneyIndex,
  params: FunnelParams,
): Promise<FunnelReport> {
  const stages = params.stages.map((id) => ({
    id,
    touchpoints: journey.map.stages.find((s) => s.id === id)?.touchpoints.map((t) => t.id) ?? [],
  }));
  const { sql, params: values } = funnelQuery(workspaceId, params.window, stages, params.breakdown);
  const rows = await store.readRows(funnelRow(params.stages.length), sql, values);
  const total = rows.find((r) => r.is_total === 1);
  const empty = funnelStages(params.stages, [], []);
  const groups = rows.filter((r) => r.is_total !== 1).sort((a, b) => compareGroupValues(a.grp, b.grp));
  return {
    window: windowJson(params.window),
    by: params.by,
    stages: total ? stagesOf(total, params.stages) : empty,
    breakdown:
      params.by === null
        ? null
        : groups.map((g) => ({ [params.by as string]: g.grp, stages: stagesOf(g, params.stages) })),
  };
}
