/**
 * The touchpoint cross-impact matrix over stored journeys: one aggregate query (signals-sql.ts) turns
 * the window's feedback and failure events into customer profiles, the core counts pairs and builds
 * the effects. Optionally hands the measured matrix to MICMAC in the same call.
 */
import { DEFAULT_MIN_GROUP } from '../../../core/cross-impact/compare.ts';
import { toInfluenceMatrix, type InfluenceInput } from '../../../core/cross-impact/influence.ts';
import { buildMatrix, type OutcomeInfo } from '../../../core/cross-impact/matrix.ts';
import { countProfiles, emptyOutcome } from '../../../core/cross-impact/profiles.ts';
import { badThresholdsSchema, describeBad, type BadThresholds } from '../../../core/experience/answers.ts';
import { describeOutcome, parseOutcomeSpec, type OutcomeSpec } from '../../../core/experience/outcomes.ts';
import { InputError, zodIssues, type FieldIssue } from '../../../core/issues.ts';
import type { JourneyIndex } from '../../../core/journey/rules.ts';
import type { MicmacResult } from '../../../core/structural/micmac.ts';
import type { Services } from '../../graph.ts';
import { runMicmac } from '../structural/analyses.ts';
import { signalProfilesSql, type SignalSql } from './signals-sql.ts';
import { crossImpactRequestSchema, type CrossImpactAnswer } from '../contract.ts';
import { parseWindow, windowView, type Window } from '../../../platform/time/follow-window.ts';

/** Long enough for a delivery's CSAT or a shipment's delay notice, shorter than the gap to a next order. */
export const DEFAULT_EPISODE_DAYS = 7;

import { DEFAULT_OUTCOMES } from './defaults.ts';
export { DEFAULT_OUTCOMES };

/**
 * A touchpoint whose every response is an outcome (the follow-up survey that only asks for NPS, a
 * post-trip survey asking for overall satisfaction) measures the outcome, not an experience: as a
 * row of the matrix it would only say that detractors are detractors. Declared failures make a
 * touchpoint an experience whatever its feedback.
 */
async function outcomeOnlyTouchpoints(
  services: Services,
  workspaceId: string,
  window: Window,
  outcomes: OutcomeSpec[],
  journey: JourneyIndex,
): Promise<string[]> {
  const feedback = outcomes.filter((o) => o.kind === 'feedback');
  if (feedback.length === 0) return [];
  const rows = await services.store.read(
    'SELECT DISTINCT touchpoint, metric FROM feedback WHERE workspace_id = $1 AND ts >= $2 AND ts < $3',
    [workspaceId, window.from, window.to],
  );
  const metrics = new Map<string, string[]>();
  for (const r of rows)
    metrics.set(String(r.touchpoint), [...(metrics.get(String(r.touchpoint)) ?? []), String(r.metric)]);
  const withFailures = new Set(journey.map.failures.map((f) => f.touchpoint));
  return [...metrics]
    .filter(
      ([tp, ms]) =>
        !withFailures.has(tp) &&
        ms.every((m) =>
          feedback.some((o) => o.metric === m && (o.touchpoint === null || o.touchpoint === tp)),
        ),
    )
    .map(([tp]) => tp);
}

export function outcomeInfo(spec: OutcomeSpec): OutcomeInfo {
  const label =
    spec.kind === 'repeat-purchase'
      ? 'Repeat purchase'
      : spec.kind === 'churn'
        ? 'Churn'
        : spec.id === 'nps'
          ? 'Promoter (NPS 9-10)'
          : `Positive ${spec.id}`;
  return { id: spec.id, label, definition: describeOutcome(spec) };
}

/** Outcome specs, each problem at its index; duplicates refused. */
export function parseOutcomes(texts: readonly string[], path = 'outcomes'): OutcomeSpec[] {
  const issues: FieldIssue[] = [];
  const specs: OutcomeSpec[] = [];
  texts.forEach((text, i) => {
    const spec = parseOutcomeSpec(text, `${path}.${i}`);
    if ('code' in spec) issues.push(spec);
    else if (specs.some((s) => s.id === spec.id)) {
      issues.push({ path: `${path}.${i}`, code: 'duplicate', message: `"${text}" is listed twice` });
    } else specs.push(spec);
  });
  if (issues.length) throw new InputError(issues);
  return specs;
}

/** The map's touchpoints in journey order, optionally narrowed to a list (unknown ids are an error). */
export function journeyTouchpoints(journey: JourneyIndex, only?: readonly string[]) {
  const all = journey.map.stages.flatMap((stage) =>
    stage.touchpoints.map((t) => ({ id: t.id, name: t.name, stage: stage.id })),
  );
  if (!only) return all;
  const unknown = only.filter((id) => !journey.touchpoints.has(id));
  if (unknown.length) {
    throw new InputError(
      unknown.map((id) => ({
        path: 'touchpoints',
        code: 'unknown_touchpoint',
        message: `"${id}" is not in the journey map`,
      })),
    );
  }
  return all.filter((t) => only.includes(t.id));
}

/** The query's two rows of lists as counts: pairs from the merged profiles, outcomes from the sums. */
function toCounts(rows: Record<string, unknown>[], q: SignalSql, touchpoints: number, outcomes: number) {
  const part = (kind: string, columns: string[]) => {
    const row = rows.find((r) => r.kind === kind);
    return (name: string): number[] => (row?.[`l${columns.indexOf(name)}`] as number[] | null) ?? [];
  };
  const profile = part('profiles', q.profileColumns);
  const weight = Float64Array.from(profile('n'));
  const count = weight.length;
  const W = q.words;
  const interleave = (prefix: string) => {
    const out = new Int32Array(count * W);
    for (let w = 0; w < W; w++) {
      const values = profile(`${prefix}${w}`);
      for (let r = 0; r < count; r++) out[r * W + w] = values[r]!;
    }
    return out;
  };
  const observedAll = interleave('o');
  const badAll = interleave('b');
  const counts = countProfiles({ touchpoints, words: W, count, weight, observed: observedAll, bad: badAll });
  // The same profiles counted apart per stratum (the set of declared failures met), for the pairs
  // adjusted for shared failures.
  const stratumOf = profile('s');
  const members = new Map<number, number[]>();
  stratumOf.forEach((s, r) => members.set(s, [...(members.get(s) ?? []), r]));
  const strata = [...members.values()].map((rows) => {
    const pick = (all: Int32Array) => {
      const out = new Int32Array(rows.length * W);
      rows.forEach((r, i) => out.set(all.subarray(r * W, r * W + W), i * W));
      return out;
    };
    return countProfiles({
      touchpoints,
      words: W,
      count: rows.length,
      weight: Float64Array.from(rows, (r) => weight[r]!),
      observed: pick(observedAll),
      bad: pick(badAll),
    });
  });
  const effect = part('effects', q.effectColumns);
  const idx = effect('idx');
  const good = effect('good');
  counts.outcomes = Array.from({ length: outcomes }, (_, k) => {
    const out = emptyOutcome(touchpoints);
    const base = effect(`base${k}`);
    const hit = effect(`hit${k}`);
    idx.forEach((i, r) => {
      out.base[i * 2 + good[r]!] = base[r]!;
      out.hit[i * 2 + good[r]!] = hit[r]!;
    });
    return out;
  });
  return { counts, strata, profiles: count };
}

export interface MeasuredCounts {
  window: Window;
  touchpoints: { id: string; name: string; stage: string }[];
  outcomes: OutcomeSpec[];
  bad: BadThresholds;
  episodeDays: number;
  counts: ReturnType<typeof countProfiles>;
  /** the pair counts per stratum: customers who met the same set of declared failures */
  strata: ReturnType<typeof countProfiles>[];
  profiles: number;
  queryMs: number;
  countMs: number;
  journey: JourneyIndex;
}

/** Runs the signal query and counts it: what both the matrix and the what-if start from. */
export async function measureSignals(
  services: Services,
  workspaceId: string,
  input: {
    window: Window;
    episodeDays?: number;
    bad?: Partial<BadThresholds>;
    outcomes: OutcomeSpec[];
    touchpoints?: readonly string[];
  },
): Promise<MeasuredCounts> {
  const journey = await services.journeys.get(workspaceId);
  const touchpoints = journeyTouchpoints(journey, input.touchpoints);
  const bad = badThresholdsSchema.parse(input.bad ?? {});
  const q = signalProfilesSql({
    workspaceId,
    ...input.window,
    episodeDays: input.episodeDays ?? DEFAULT_EPISODE_DAYS,
    touchpoints: touchpoints.map((t) => t.id),
    failures: journey.map.failures,
    thresholds: bad,
    outcomes: input.outcomes,
    purchaseEvents: journey.map.outcomes.purchase,
    churnEvents: journey.map.outcomes.churn,
  });
  const started = performance.now();
  const rows = await services.store.read(q.sql, q.params);
  const queried = performance.now();
  const { counts, strata, profiles } = toCounts(rows, q, touchpoints.length, input.outcomes.length);
  return {
    window: input.window,
    touchpoints,
    outcomes: input.outcomes,
    bad,
    episodeDays: input.episodeDays ?? DEFAULT_EPISODE_DAYS,
    counts,
    strata,
    profiles,
    queryMs: queried - started,
    countMs: performance.now() - queried,
    journey,
  };
}

export async function crossImpact(
  services: Services,
  workspaceId: string,
  raw: unknown,
): Promise<CrossImpactAnswer> {
  const parsed = crossImpactRequestSchema.safeParse(raw);
  if (!parsed.success) throw new InputError(zodIssues(parsed.error));
  const request = parsed.data;
  const window = parseWindow(request);
  const outcomes = parseOutcomes(request.outcomes ?? DEFAULT_OUTCOMES);
  const journey = await services.journeys.get(workspaceId);
  const outcomeOnly = request.touchpoints
    ? []
    : await outcomeOnlyTouchpoints(services, workspaceId, window, outcomes, journey);
  const touchpoints =
    request.touchpoints ??
    (outcomeOnly.length
      ? journeyTouchpoints(journey)
          .map((t) => t.id)
          .filter((id) => !outcomeOnly.includes(id))
      : undefined);
  const measured = await measureSignals(services, workspaceId, {
    window,
    outcomes,
    ...(request.episodeDays === undefined ? {} : { episodeDays: request.episodeDays }),
    ...(request.bad ? { bad: request.bad } : {}),
    ...(touchpoints ? { touchpoints } : {}),
  });
  const infos = outcomes.map(outcomeInfo);
  const declaredFailures = measured.journey.map.failures.filter((f) =>
    measured.touchpoints.some((t) => t.id === f.touchpoint),
  );
  const matrix = buildMatrix(measured.counts, measured.touchpoints, infos, {
    minGroup: request.minGroup ?? DEFAULT_MIN_GROUP,
    ...(declaredFailures.length
      ? { strata: { counts: measured.strata, failures: declaredFailures.map((f) => f.label ?? f.id) } }
      : {}),
    ...(request.top ? { top: request.top } : {}),
  });
  const known = new Set(measured.touchpoints.map((t) => t.id));
  const answer: CrossImpactAnswer = {
    workspace: workspaceId,
    window: windowView(window),
    definitions: {
      experience: `a customer's first episode at a touchpoint in the window: the first signal and every signal within ${measured.episodeDays} days of it; bad when any of them is bad (a bad answer: ${describeBad(measured.bad)}; or a declared failure event)`,
      bad: measured.bad,
      failures: measured.journey.map.failures
        .filter((f) => known.has(f.touchpoint))
        .map((f) => ({ id: f.id, touchpoint: f.touchpoint, event: f.event, where: f.where ?? {} })),
      outcomes: infos,
    },
    ...matrix,
    outcomeTouchpoints: outcomeOnly,
    stats: { profiles: measured.profiles, queryMs: measured.queryMs, countMs: measured.countMs },
  };
  if (request.influence) {
    const { micmac, ...options } = request.influence;
    const influence: NonNullable<CrossImpactAnswer['influence']> = toInfluenceMatrix(matrix, options);
    if (micmac)
      influence.micmac = influence.sparsity.tooSparse
        ? {
            tooSparse: `too sparse to rank: ${influence.sparsity.linked} of ${influence.sparsity.variables} touchpoints have a measured influence in or out (${influence.sparsity.links} links); ${influence.sparsity.rule}`,
          }
        : micmacOrReason(influence.input);
    answer.influence = influence;
  }
  return answer;
}

/** MICMAC needs at least one variable; an empty or all-zero matrix is answered with the reason. */
function micmacOrReason(input: InfluenceInput['input']): MicmacResult | { error: string } {
  if (input.variables.length === 0) return { error: 'no touchpoint has signals in the window' };
  try {
    return runMicmac(input);
  } catch (error) {
    if (error instanceof InputError) return { error: error.message };
    throw error;
  }
}
