import type { z } from 'zod';
import type { JourneyIndex } from '../../core/journey/rules.ts';
import { compareProportions } from '../../core/metrics/compare.ts';
import { DEFAULT_ALPHA, DEFAULT_MIN_N, type Comparison } from '../../core/metrics/score-types.ts';
import { holmAdjust } from '../../core/stats/holm.ts';
import type { Store } from '../../platform/store/port.ts';
import { num, numbered, oneOf, row, text, type Decoded } from '../../platform/store/rows.ts';
import {
  harm,
  painScore,
  PAIN_SCORE_FORMULA,
  severity,
  type Outcome,
  type PainComponents,
} from './pain-score.ts';
import { Issues, resolveTouchpoints, resolveWindow, type painPointsQuerySchema } from './params.ts';
import { DEFAULT_CHURN_DAYS } from './retention.ts';
import { painBehaviourQuery, painFeedbackQuery } from './sql/pain-points.ts';
import { windowJson, type TimeWindow } from '../../platform/time/window.ts';
import { purchaseStage, whyLittleEvidence } from './pain-point-notes.ts';
import { AFFECTED_POPULATION } from './touchpoint-feedback.ts';

export const DEFAULT_FOLLOW_DAYS = 14;

export interface PainPointsParams {
  window: TimeWindow;
  /** the clock: outcomes are observed up to min(window end, now) */
  now: number;
  followDays: number;
  churnDays: number;
  support: string[];
  minN: number;
  alpha: number;
  limit: number | null;
}

/** By default the touchpoints whose id or name says "support" (support chat, email, phone ...). */
export function defaultSupportTouchpoints(journey: JourneyIndex): string[] {
  return [...journey.touchpoints.values()]
    .filter(({ touchpoint }) => /support/i.test(touchpoint.id) || /support/i.test(touchpoint.name))
    .map(({ touchpoint }) => touchpoint.id);
}

export function resolvePainPointsParams(
  query: z.output<typeof painPointsQuerySchema>,
  journey: JourneyIndex,
  now: number,
): PainPointsParams {
  const issues = new Issues();
  const params: PainPointsParams = {
    window: resolveWindow(issues, query.from, query.to),
    now,
    followDays: query.followDays ?? DEFAULT_FOLLOW_DAYS,
    churnDays: query.churnDays ?? DEFAULT_CHURN_DAYS,
    support:
      resolveTouchpoints(issues, journey, query.support, 'support') ?? defaultSupportTouchpoints(journey),
    minN: query.minN ?? DEFAULT_MIN_N,
    alpha: query.alpha ?? DEFAULT_ALPHA,
    limit: query.limit ?? null,
  };
  issues.done();
  return params;
}

export interface GroupOutcome {
  /** people observed long enough to see the outcome */
  n: number;
  /** of them, people with the outcome */
  count: number;
  rate: number | null;
}

export interface Evidence {
  outcome: Outcome;
  /** what the outcome means, in words */
  description: string;
  affected: GroupOutcome;
  unaffected: GroupOutcome;
  /**
   * `affected`: people whose first assessed moment at the touchpoint was bad; `unaffected`: the
   * comparison group (see PainPoint.comparedWith). change = affected − unaffected in percentage
   * points, two-proportion z test (core compareProportions), pAdjusted by Holm across the report.
   */
  change: Comparison & { pAdjusted: number | null };
}

export interface PainPoint {
  rank: number;
  touchpoint: string;
  name: string;
  stage: string;
  channel: string;
  painScore: number;
  /** at least one behavioural difference is significant after Holm's correction */
  significant: boolean;
  /** customers who met the touchpoint in the window */
  customers: number;
  /** of them, customers with a bad experience there */
  affected: number;
  /** the evidence's comparison group: people whose first moment was good, or (where no moment can be good) people never assessed */
  comparedWith: 'good' | 'unassessed';
  /** both groups of the evidence, in words, as the screens name them */
  groups: { affected: string; unaffected: string };
  reach: number;
  severity: number;
  components: PainComponents;
  feedback: { responses: number; low: number; lowShare: number | null; meanShareOfScale: number | null };
  failures: { id: string; label: string | null; customers: number; events: number }[];
  evidence: Evidence[];
  /** the evidence behind the rank, in sentences */
  summary: string[];
}

export interface PainPointsReport {
  window: { from: string; to: string };
  formula: string;
  followDays: number;
  churnDays: number;
  alpha: number;
  minN: number;
  supportTouchpoints: string[];
  /** customers active in the window (an event or an answer): the base of reach (anonymous visitors are left out) */
  people: number;
  /** what each count of the report counts, in words: the screens print them beside the numbers */
  populations: { people: string; customers: string; affected: string };
  /** touchpoints with a pain score above 0, ranked */
  painPoints: PainPoint[];
  /** touchpoints met in the window whose score is 0, unranked, each with the reason */
  unranked: UnrankedTouchpoint[];
  notes: string[];
}

export interface UnrankedTouchpoint {
  touchpoint: string;
  name: string;
  stage: string;
  customers: number;
  affected: number;
  reason: string;
}

const DESCRIPTIONS: Record<Outcome, (p: PainPointsParams) => string> = {
  dropOff: () => 'reached no later stage of the journey',
  support: (p) => `contacted support within ${p.followDays} days`,
  purchase: () => 'bought again afterwards',
  churn: (p) => `churned (a churn event, or no activity in the last ${p.churnDays} days)`,
};

// Every row carries the window's totals; the one row of a window with nobody in it has no touchpoint.
const totalsRow = row({ people: num });
const behaviourRow = row({
  touchpoint: text,
  assessment: oneOf('bad', 'good', 'unassessed'),
  affected: num,
  customers: num,
  observed: num,
  observed_before_last_stage: num,
  dropped: num,
  supported: num,
  purchased: num,
  churned: num,
});
type BehaviourRow = Decoded<typeof behaviourRow>;
const feedbackRow = row({ touchpoint: text, responses: num, low: num, normalised_sum: num });

const group = (count: number, n: number): GroupOutcome => ({ n, count, rate: n > 0 ? count / n : null });

const pct = (share: number | null) => (share === null ? 'n/a' : `${(100 * share).toFixed(1)}%`);
const pValue = (p: number | null) =>
  p === null ? 'no test' : p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`;

export async function painPointsReport(
  store: Store,
  workspaceId: string,
  journey: JourneyIndex,
  params: PainPointsParams,
): Promise<PainPointsReport> {
  const map = journey.map;
  const stageOf = [...journey.touchpoints].map(([id, entry]) => [id, entry.stageIndex] as const);
  const behaviour = painBehaviourQuery(workspaceId, params.window, {
    stageOf,
    stageCount: map.stages.length,
    failures: map.failures,
    support: params.support,
    outcomes: map.outcomes,
    followDays: params.followDays,
    churnDays: params.churnDays,
    observedUntil: new Date(Math.min(params.window.to.getTime(), params.now)),
  });
  const feedback = painFeedbackQuery(workspaceId, params.window);
  const [rawRows, feedbackRows] = await Promise.all([
    store.readRows((raw) => raw, behaviour.sql, behaviour.params),
    store.readRows(feedbackRow, feedback.sql, feedback.params),
  ]);
  const totals = rawRows[0];
  const people = totals ? totalsRow(totals).people : 0;
  const failureCustomers = totals
    ? numbered('failure_customers_', behaviour.failures.length, num)(totals)
    : [];
  const failureEvents = totals ? numbered('failure_events_', behaviour.failures.length, num)(totals) : [];
  const failureRows = behaviour.failures.map((failure, k) => ({
    failure,
    customers: failureCustomers[k] ?? 0,
    events: failureEvents[k] ?? 0,
  }));
  const behaviourRows = rawRows.filter((r) => typeof r.touchpoint === 'string').map(behaviourRow);

  // The journey's mean answer as a share of the scale, the yardstick of each touchpoint's lowScore.
  const allResponses = feedbackRows.reduce((sum, r) => sum + r.responses, 0);
  const journeyMean =
    allResponses > 0 ? feedbackRows.reduce((sum, r) => sum + r.normalised_sum, 0) / allResponses : null;
  const lastStage = map.stages.length - 1;
  const buyingStage = purchaseStage(journey);
  const entries = [...journey.touchpoints.values()].flatMap(({ touchpoint, stage, stageIndex }) => {
    const rows = behaviourRows.filter((r) => r.touchpoint === touchpoint.id);
    const bad = rows.find((r) => r.assessment === 'bad');
    const good = rows.find((r) => r.assessment === 'good');
    const unassessed = rows.find((r) => r.assessment === 'unassessed');
    // People with a good moment are the fair comparison; where nobody can have one (the failure
    // is an event of its own), the people never assessed are the only one there is.
    const ok = good ?? unassessed;
    const customers = rows.reduce((sum, r) => sum + r.customers, 0);
    if (customers === 0) return [];
    const fb = feedbackRows.find((r) => r.touchpoint === touchpoint.id);
    const responses = fb?.responses ?? 0;
    const evidence: Evidence[] = [];
    const add = (outcome: Outcome, count: (r: BehaviourRow) => number, n: (r: BehaviourRow) => number) => {
      const affected = group(bad ? count(bad) : 0, bad ? n(bad) : 0);
      const unaffected = group(ok ? count(ok) : 0, ok ? n(ok) : 0);
      const change = compareProportions(
        { n: unaffected.n, successes: unaffected.count },
        { n: affected.n, successes: affected.count },
        { alpha: params.alpha, minN: params.minN },
      );
      evidence.push({
        outcome,
        description: DESCRIPTIONS[outcome](params),
        affected,
        unaffected,
        change: { ...change, pAdjusted: null },
      });
    };
    if (stageIndex < lastStage)
      add(
        'dropOff',
        (r) => r.dropped,
        (r) => r.observed_before_last_stage,
      );
    if (params.support.length)
      add(
        'support',
        (r) => r.supported,
        (r) => r.observed,
      );
    // Up to the stage where the purchase happens, "bought afterwards" is whether this very order
    // went through: for a failed payment it would set the customers who failed against those
    // whose payment succeeded, who bought by definition (the reached-no-later-stage row already
    // says how many gave up). After that stage it is a real consequence: buying again.
    if (map.outcomes.purchase.length && (buyingStage === null || stageIndex > buyingStage))
      add(
        'purchase',
        (r) => r.purchased,
        (r) => r.observed,
      );
    add(
      'churn',
      (r) => r.churned,
      (r) => r.observed,
    );
    return [
      {
        touchpoint,
        stage,
        customers,
        affected: rows.reduce((sum, r) => sum + r.affected, 0),
        comparedWith: good ? ('good' as const) : ('unassessed' as const),
        groups: {
          affected: `customers who reached ${touchpoint.name} and had a bad experience there`,
          unaffected: good
            ? `customers who reached ${touchpoint.name} and whose first experience there was good`
            : `customers who reached ${touchpoint.name} without a bad experience there`,
        },
        evidence,
        feedback: {
          responses,
          low: fb?.low ?? 0,
          lowShare: responses > 0 ? (fb?.low ?? 0) / responses : null,
          meanShareOfScale: responses > 0 ? (fb?.normalised_sum ?? 0) / responses : null,
        },
      },
    ];
  });

  // Holm across every test of the report: with ~20 touchpoints x 4 outcomes, unadjusted p < 0.05
  // would flag a few null effects by chance alone.
  const tests = entries.flatMap((e) => e.evidence);
  // Tests on groups below minN are too rough to count and stay out of the family as well.
  const adjusted = holmAdjust(tests.map((t) => (t.change.insufficient ? null : t.change.p)));
  tests.forEach((t, i) => (t.change.pAdjusted = adjusted[i] ?? null));

  const points = entries.map((entry): Omit<PainPoint, 'rank'> => {
    const byOutcome = (o: Outcome) => entry.evidence.find((e) => e.outcome === o);
    const harmOf = (o: Outcome) => {
      const e = byOutcome(o);
      return e ? harm(o, e.change, params.alpha) : 0;
    };
    const components: PainComponents = {
      lowScore:
        entry.feedback.meanShareOfScale === null || journeyMean === null
          ? null
          : Math.max(0, journeyMean - entry.feedback.meanShareOfScale),
      lowShare: entry.feedback.lowShare,
      dropOff: harmOf('dropOff'),
      support: harmOf('support'),
      outcomes: Math.min(1, harmOf('purchase') + harmOf('churn')),
    };
    const reach = people > 0 ? entry.affected / people : 0;
    const pointFailures = map.failures
      .filter((f) => f.touchpoint === entry.touchpoint.id)
      .map((f) => {
        const counted = failureRows.find((r) => r.failure === f.id);
        return {
          id: f.id,
          label: f.label ?? null,
          customers: counted?.customers ?? 0,
          events: counted?.events ?? 0,
        };
      });
    const summary: string[] = [];
    if (entry.feedback.responses > 0) {
      summary.push(
        `${entry.feedback.low} of ${entry.feedback.responses} answers are bad (${pct(entry.feedback.lowShare)}); ` +
          `the mean answer sits at ${pct(entry.feedback.meanShareOfScale)} of the scale`,
      );
    }
    for (const f of pointFailures)
      summary.push(`${f.label ?? f.id}: ${f.customers} customers (${f.events} events)`);
    summary.push(
      `${entry.affected} of the ${entry.customers} customers who met ${entry.touchpoint.name} had a bad experience there (${pct(entry.affected / entry.customers)})`,
    );
    for (const e of entry.evidence) {
      if (!(e.change.pAdjusted !== null && e.change.pAdjusted < params.alpha) || e.change.insufficient)
        continue;
      const points = (e.change.difference ?? 0).toFixed(1);
      summary.push(
        `${pct(e.affected.rate)} of the ${e.affected.n} ${entry.groups.affected} ${e.description}, ` +
          `against ${pct(e.unaffected.rate)} of the ${e.unaffected.n} ${entry.groups.unaffected} ` +
          `(${Number(points) > 0 ? '+' : ''}${points} points, Holm-adjusted ${pValue(e.change.pAdjusted)})`,
      );
    }
    return {
      touchpoint: entry.touchpoint.id,
      name: entry.touchpoint.name,
      stage: entry.stage.id,
      channel: entry.touchpoint.channel,
      painScore: painScore(reach, components),
      significant: entry.evidence.some(
        (e) => !e.change.insufficient && e.change.pAdjusted !== null && e.change.pAdjusted < params.alpha,
      ),
      customers: entry.customers,
      affected: entry.affected,
      comparedWith: entry.comparedWith,
      groups: entry.groups,
      reach,
      severity: severity(components),
      components,
      feedback: entry.feedback,
      failures: pointFailures,
      evidence: entry.evidence,
      summary,
    };
  });
  // A score of 0 means no evidence of pain, not the least pain: such touchpoints get no rank.
  const ranked = points
    .filter((p) => p.painScore > 0)
    .sort((a, b) => b.painScore - a.painScore || (a.touchpoint < b.touchpoint ? -1 : 1))
    .map((point, i) => ({ rank: i + 1, ...point }));
  const unranked = points
    .filter((p) => !(p.painScore > 0))
    .sort((a, b) => b.customers - a.customers || (a.touchpoint < b.touchpoint ? -1 : 1))
    .map((p) => ({
      touchpoint: p.touchpoint,
      name: p.name,
      stage: p.stage,
      customers: p.customers,
      affected: p.affected,
      reason:
        p.affected === 0
          ? 'no bad answer and no declared failure here'
          : 'bad experiences here, but no bad answers and no significant harmful difference afterwards',
    }));
  const notes: string[] = [];
  if (params.support.length === 0)
    notes.push('no support touchpoint: pass support=<ids> to count support contacts');
  notes.push(...(await whyLittleEvidence(store, workspaceId, journey, params, feedbackRows, people)));
  return {
    window: windowJson(params.window),
    formula: PAIN_SCORE_FORMULA,
    followDays: params.followDays,
    churnDays: params.churnDays,
    alpha: params.alpha,
    minN: params.minN,
    supportTouchpoints: params.support,
    people,
    populations: {
      people: `customers with an event or an answer from ${windowJson(params.window).from} to ${windowJson(params.window).to}`,
      customers: 'customers who met the touchpoint in that period (an event or an answer there)',
      affected: AFFECTED_POPULATION,
    },
    painPoints: params.limit === null ? ranked : ranked.slice(0, params.limit),
    unranked,
    notes,
  };
}
