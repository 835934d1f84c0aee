import type { z } from 'zod';
import type { JourneyIndex } from '../../core/journey/rules.ts';
import type { QuartileSummary } from '../../core/stats/quantiles.ts';
import type { Store } from '../../platform/store/port.ts';
import { nullable, num, row, type Decoded } from '../../platform/store/rows.ts';
import { Issues, resolveWindow, type journeyTimeQuerySchema } from './params.ts';
import { journeyTimeQuery } from './sql/journey-time.ts';
import { windowJson, type TimeWindow } from '../../platform/time/window.ts';

export const DEFAULT_LOOKBACK_DAYS = 365;

export interface JourneyTimeParams {
  window: TimeWindow;
  lookbackDays: number;
}

export function resolveJourneyTimeParams(query: z.output<typeof journeyTimeQuerySchema>): JourneyTimeParams {
  const issues = new Issues();
  const window = resolveWindow(issues, query.from, query.to);
  issues.done();
  return { window, lookbackDays: query.lookbackDays ?? DEFAULT_LOOKBACK_DAYS };
}

export interface JourneyTimeReport {
  window: { from: string; to: string };
  lookbackDays: number;
  /** the purchase and churn events of the journey map's outcomes */
  outcomes: { purchase: string[]; churn: string[] };
  /** journeys (people) that start in the window */
  journeys: number;
  /** people already active in the lookback before the window: mid-journey, left out */
  startedBefore: number;
  /** first touch -> first purchase, in milliseconds, over the journeys that reached a purchase */
  buying: QuartileSummary;
  /** first purchase -> churn event or last interaction, in milliseconds */
  owning: QuartileSummary & { endedByChurn: number };
  notes: string[];
}

const quartile = nullable(num);
const journeyTimeRow = row({
  started_before: num,
  journeys: num,
  purchased: num,
  ended_by_churn: num,
  p25_buying: quartile,
  median_buying: quartile,
  p75_buying: quartile,
  p25_owning: quartile,
  median_owning: quartile,
  p75_owning: quartile,
});
type Row = Decoded<typeof journeyTimeRow>;

const quartiles = (row: Row, name: 'buying' | 'owning', n: number): QuartileSummary => ({
  n,
  p25: row[`p25_${name}`],
  median: row[`median_${name}`],
  p75: row[`p75_${name}`],
});

export async function journeyTimeReport(
  store: Store,
  workspaceId: string,
  journey: JourneyIndex,
  params: JourneyTimeParams,
): Promise<JourneyTimeReport> {
  const outcomes = journey.map.outcomes;
  const { sql, params: values } = journeyTimeQuery(workspaceId, params.window, outcomes, params.lookbackDays);
  const [row] = await store.readRows(journeyTimeRow, sql, values);
  if (!row) throw new Error('the journey time query answers one row');
  const purchased = row.purchased;
  const notes: string[] = [];
  if (outcomes.purchase.length === 0)
    notes.push('the journey map names no purchase event (outcomes.purchase)');
  if (outcomes.churn.length === 0)
    notes.push('the journey map names no churn event: owning ends at the last interaction');
  return {
    window: windowJson(params.window),
    lookbackDays: params.lookbackDays,
    outcomes: { purchase: [...outcomes.purchase], churn: [...outcomes.churn] },
    journeys: row.journeys ?? 0,
    startedBefore: row.started_before ?? 0,
    buying: quartiles(row, 'buying', purchased),
    owning: { ...quartiles(row, 'owning', purchased), endedByChurn: row.ended_by_churn ?? 0 },
    notes,
  };
}
