import { DEFAULT_BAD, experienceOf } from '../../core/experience/answers.ts';
import { METRICS, type Metric } from '../../core/ingest/schemas.ts';
import type { RunContext } from '../../core/workflows/machine.ts';
import { customerStage } from '../journeys/current-stage.ts';
import type { JourneyService } from '../journeys/service.ts';
import { customerContexts } from '../surveys/customers.ts';
import type { Store } from '../../platform/store/port.ts';
import { epochMs, num, row, text } from '../../platform/store/rows.ts';

/** How far back "recent scores" look: the latest answer of this window counts. */
export const RECENT_MS = 90 * 86_400_000;

/** What a run knows about its customer when it moves: conditions, templates and consent read it. */
export interface CustomerFacts {
  customerId: string;
  traits: Record<string, unknown>;
  email: string | null;
  language: string | null;
  timezone: string | null;
  /** Unsubscribed from survey invitations (surveys' list) or withdrew marketing email consent. */
  marketingOptOut: boolean;
  stage: string | null;
  recent: Record<string, unknown>;
}

const isMetric = (m: string): m is Metric => (METRICS as readonly string[]).includes(m);

export async function customerFacts(
  store: Store,
  journeys: JourneyService,
  workspaceId: string,
  customerId: string,
  now: number,
): Promise<CustomerFacts> {
  const [contexts, journey, answers, consent] = await Promise.all([
    customerContexts(store, workspaceId, [customerId]),
    journeys.get(workspaceId),
    store.readRows(
      row({ metric: text, score: num, scale_min: num, scale_max: num, ts: epochMs }),
      `SELECT metric, score, scale_min, scale_max, ts FROM feedback
       WHERE workspace_id = $1 AND customer_id = $2 AND ts > $3 AND ts <= $4 ORDER BY ts DESC LIMIT 50`,
      [workspaceId, customerId, new Date(now - RECENT_MS), new Date(now)],
    ),
    store.readRows(
      row({ customer_id: text }),
      `SELECT customer_id FROM consents WHERE workspace_id = $1 AND customer_id = $2
         AND channel = 'email' AND purpose = 'marketing' AND NOT granted`,
      [workspaceId, customerId],
    ),
  ]);
  const context = contexts.get(customerId);
  const stage = journey.map.stages.length
    ? await customerStage(store, workspaceId, journey.map, now, customerId)
    : null;
  // The latest answer per metric, and the experience (good, neutral, bad) of the latest of all.
  const recent: Record<string, unknown> = {};
  for (const a of answers) {
    if (!isMetric(a.metric)) continue;
    const experience = experienceOf(DEFAULT_BAD, a.metric, a.score, { min: a.scale_min, max: a.scale_max });
    if (recent.experience === undefined) recent.experience = experience;
    if (recent[a.metric] === undefined) recent[a.metric] = a.score;
  }
  const traits = context?.traits ?? {};
  return {
    customerId,
    traits,
    email: context?.email ?? null,
    language: context?.language ?? null,
    timezone: context?.timezone ?? null,
    marketingOptOut: (context?.unsubscribed ?? false) || consent.length > 0,
    stage: stage?.stage ?? null,
    recent,
  };
}

export function runContext(event: Record<string, unknown>, facts: CustomerFacts): RunContext {
  return { event, traits: facts.traits, stage: facts.stage, recent: facts.recent };
}
