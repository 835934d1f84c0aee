import type { z } from 'zod';
import type { JourneyIndex } from '../../core/journey/rules.ts';
import { wilsonInterval } from '../../core/metrics/proportion.ts';
import type { Interval } from '../../core/metrics/score-types.ts';
import type { Store } from '../../platform/store/port.ts';
import { num, oneOf, row, type Decoded } from '../../platform/store/rows.ts';
import { DEFAULT_LOOKBACK_DAYS } from './journey-time.ts';
import { Issues, resolveWindow, type retentionQuerySchema } from './params.ts';
import { retentionQuery } from './sql/retention.ts';
import { windowJson, type TimeWindow } from '../../platform/time/window.ts';

export const DEFAULT_CHURN_DAYS = 90;

export interface RetentionParams {
  window: TimeWindow;
  /** the clock: inactivity is judged up to min(window end, now) */
  now: number;
  churnDays: number;
  activity: 'any' | 'purchase';
  lookbackDays: number;
}

export function resolveRetentionParams(
  query: z.output<typeof retentionQuerySchema>,
  now: number,
): RetentionParams {
  const issues = new Issues();
  const window = resolveWindow(issues, query.from, query.to);
  issues.done();
  return {
    window,
    now,
    churnDays: query.churnDays ?? DEFAULT_CHURN_DAYS,
    activity: query.activity ?? 'any',
    lookbackDays: query.lookbackDays ?? DEFAULT_LOOKBACK_DAYS,
  };
}

export interface Rate {
  /** null when the denominator is 0 */
  rate: number | null;
  /** Wilson 95 % interval of the rate (0..1) */
  ci95: Interval | null;
}

export interface Cohort {
  /** the cohort's month, YYYY-MM */
  cohort: string;
  customers: number;
  /**
   * offset 0 is the cohort's own month; every month up to the last observed one is listed (0 active
   * where nobody came back), months not observed yet are not; `partial` marks the month that is
   * observed only in part (the current month, or the window ends inside it): its rate is low by
   * construction, not a collapse
   */
  months: { offset: number; active: number; rate: number; partial: boolean }[];
}

export interface RetentionReport {
  window: { from: string; to: string };
  activity: 'any' | 'purchase';
  churnDays: number;
  lookbackDays: number;
  cohorts: Cohort[];
  /** customers with a purchase in the window, and those with two or more */
  repeatPurchase: { customers: number; repeaters: number } & Rate;
  /** over customers first active more than churnDays before the window's end (or now, if earlier) */
  churn: { customers: number; churned: number; byEvent: number; byInactivity: number } & Rate;
  notes: string[];
}

function rate(successes: number, n: number): Rate {
  return { rate: n > 0 ? successes / n : null, ci95: wilsonInterval(successes, n) };
}

/** cohort: months since year 0 (year * 12 + month - 1) */
// sql/retention.ts answers both kinds of row in one UNION ALL; each kind fills its own columns.
const cohortRow = row({ cohort: num, month_offset: num, active: num });
const outcomeRow = row({
  buyers: num,
  repeaters: num,
  at_risk: num,
  churned_by_event: num,
  churned_by_inactivity: num,
});
type OutcomeRow = Partial<Decoded<typeof outcomeRow>>;
const retentionRow = (raw: Record<string, unknown>) =>
  oneOf('cohort', 'outcomes')(raw.kind, 'kind') === 'cohort'
    ? { kind: 'cohort' as const, ...cohortRow(raw) }
    : { kind: 'outcomes' as const, ...outcomeRow(raw) };

export async function retentionReport(
  store: Store,
  workspaceId: string,
  journey: JourneyIndex,
  params: RetentionParams,
): Promise<RetentionReport> {
  const outcomes = journey.map.outcomes;
  const observedUntil = new Date(Math.min(params.window.to.getTime(), params.now));
  const query = retentionQuery(workspaceId, params.window, {
    outcomes,
    purchasesOnly: params.activity === 'purchase',
    lookbackDays: params.lookbackDays,
    churnDays: params.churnDays,
    observedUntil,
  });
  const rows = await store.readRows(retentionRow, query.sql, query.params);
  const cohortRows = rows.flatMap((r) => (r.kind === 'cohort' ? [r] : []));
  const counts: OutcomeRow = rows.find((r) => r.kind === 'outcomes') ?? {};
  const cohorts = new Map<number, Cohort>();
  // The last month with any observed time, and whether observation stops inside it.
  const lastInstant = new Date(observedUntil.getTime() - 1);
  const lastMonth = lastInstant.getUTCFullYear() * 12 + lastInstant.getUTCMonth();
  const lastIsPartial =
    Date.UTC(Math.floor((lastMonth + 1) / 12), (lastMonth + 1) % 12, 1) !== observedUntil.getTime();
  for (const row of [...cohortRows].sort((a, b) => a.cohort - b.cohort || a.month_offset - b.month_offset)) {
    let cohort = cohorts.get(row.cohort);
    if (!cohort) {
      const month = String((row.cohort % 12) + 1).padStart(2, '0');
      cohort = { cohort: `${Math.floor(row.cohort / 12)}-${month}`, customers: 0, months: [] };
      cohorts.set(row.cohort, cohort);
    }
    // Everyone is active in their cohort's month, so offset 0 sorts first and gives its size.
    if (row.month_offset === 0) cohort.customers = row.active;
    if (row.cohort + row.month_offset > lastMonth) continue;
    cohort.months.push({
      offset: row.month_offset,
      active: row.active,
      rate: row.active / cohort.customers,
      partial: false,
    });
  }
  for (const [start, cohort] of cohorts) {
    const months: Cohort['months'] = [];
    for (let offset = 0; start + offset <= lastMonth; offset++) {
      const seen = cohort.months.find((m) => m.offset === offset);
      months.push({
        offset,
        active: seen?.active ?? 0,
        rate: seen?.rate ?? 0,
        partial: lastIsPartial && start + offset === lastMonth,
      });
    }
    cohort.months = months;
  }
  const atRisk = counts.at_risk ?? 0;
  const byEvent = counts.churned_by_event ?? 0;
  const byInactivity = counts.churned_by_inactivity ?? 0;
  const notes: string[] = [];
  const observedDays = (observedUntil.getTime() - params.window.from.getTime()) / 86_400_000;
  if (observedDays <= params.churnDays) {
    notes.push(
      `the window (up to now) is not longer than ${params.churnDays} days: no customer can be seen inactive that long`,
    );
  }
  if (lastIsPartial && cohorts.size > 0)
    notes.push(
      `the last month is observed only until ${observedUntil.toISOString().slice(0, 10)}: its retention is partial, not a drop`,
    );
  if (outcomes.purchase.length === 0)
    notes.push('the journey map names no purchase event (outcomes.purchase)');
  return {
    window: windowJson(params.window),
    activity: params.activity,
    churnDays: params.churnDays,
    lookbackDays: params.lookbackDays,
    cohorts: [...cohorts.values()],
    repeatPurchase: {
      customers: counts.buyers ?? 0,
      repeaters: counts.repeaters ?? 0,
      ...rate(counts.repeaters ?? 0, counts.buyers ?? 0),
    },
    churn: {
      customers: atRisk,
      churned: byEvent + byInactivity,
      byEvent,
      byInactivity,
      ...rate(byEvent + byInactivity, atRisk),
    },
    notes,
  };
}
