import type { JourneyIndex } from '../../core/journey/rules.ts';
import type { Store } from '../../platform/store/port.ts';
import { bool, epochMs, nullable, num, row } from '../../platform/store/rows.ts';
import { windowJson } from '../../platform/time/window.ts';
import type { PainPointsParams } from './pain-points.ts';

/**
 * The stage where the journey's purchase happens: the earliest stage with a touchpoint that one
 * of the map's purchase events maps to (by its event list or a rule). Null when no purchase event
 * maps to a touchpoint.
 */
export function purchaseStage(journey: JourneyIndex): number | null {
  const purchase = new Set(journey.map.outcomes.purchase);
  const stages: number[] = [];
  for (const { touchpoint, stageIndex } of journey.touchpoints.values()) {
    if ((touchpoint.events ?? []).some((name) => purchase.has(name))) stages.push(stageIndex);
  }
  for (const rule of journey.map.rules) {
    const entry = journey.touchpoints.get(rule.touchpoint);
    if (entry && purchase.has(rule.event)) stages.push(entry.stageIndex);
  }
  return stages.length ? Math.min(...stages) : null;
}

const rangeRow = row({ stored: num, first: nullable(epochMs), last: nullable(epochMs) });
const existsRow = row({ found: bool });

const date = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Why a report has little or nothing to rank, in sentences: nothing in the period (and where the
 * workspace's data lies instead), answers but no journey events (so nothing to follow), answers at
 * touchpoints the journey map does not hold. An empty report must say which of these it is.
 */
export async function whyLittleEvidence(
  store: Store,
  workspaceId: string,
  journey: JourneyIndex,
  params: PainPointsParams,
  feedbackRows: readonly { touchpoint: string; responses: number }[],
  people: number,
): Promise<string[]> {
  const notes: string[] = [];
  const period = windowJson(params.window);
  const answers = feedbackRows.reduce((sum, r) => sum + r.responses, 0);
  if (people === 0) {
    // Only for an empty report: a pass over the workspace's times (about 0.7 s on 5 M events on a
    // loaded machine), which a report with data must not pay.
    const [range] = await store.readRows(
      rangeRow,
      `SELECT
         (SELECT count(*) FROM events WHERE workspace_id = $1) + (SELECT count(*) FROM feedback WHERE workspace_id = $1) AS stored,
         least((SELECT min(ts) FROM events WHERE workspace_id = $1), (SELECT min(ts) FROM feedback WHERE workspace_id = $1)) AS first,
         greatest((SELECT max(ts) FROM events WHERE workspace_id = $1), (SELECT max(ts) FROM feedback WHERE workspace_id = $1)) AS last`,
      [workspaceId],
    );
    notes.push(
      range && range.stored > 0 && range.first !== null && range.last !== null
        ? `no customer had an event or an answer from ${period.from} to ${period.to}; this workspace's data runs from ${date(range.first)} to ${date(range.last)}: choose a period inside it`
        : `no customer had an event or an answer from ${period.from} to ${period.to}: this workspace holds no events or answers yet`,
    );
  } else if (answers > 0) {
    // EXISTS stops at the first event, so a workspace with events pays next to nothing.
    const [found] = await store.readRows(
      existsRow,
      'SELECT EXISTS (SELECT 1 FROM events WHERE workspace_id = $1 AND ts >= $2 AND ts < $3) AS found',
      [workspaceId, params.window.from, params.window.to],
    );
    if (found && !found.found)
      notes.push(
        `no journey events from ${period.from} to ${period.to}, only answers: touchpoints are ranked by their answers alone ` +
          '(how far below the journey average, how many bad); what happened next (drop-off, support contacts, purchases, churn) needs events',
      );
  }
  const off = feedbackRows.filter((r) => !journey.touchpoints.has(r.touchpoint));
  if (off.length) {
    const count = off.reduce((sum, r) => sum + r.responses, 0);
    notes.push(
      `${count} answers at touchpoints the journey map does not hold (${off.map((r) => r.touchpoint).join(', ')}) are not ranked: add them to the map`,
    );
  }
  return notes;
}
