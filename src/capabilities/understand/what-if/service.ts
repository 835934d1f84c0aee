/**
 * What-if over stored data: the driver model for the outcome (stored-drivers.ts), the cross-impact
 * risk differences from the touchpoint (cross-impact.ts), and per driver touchpoint the score gap
 * between good and bad experiences, combined by core/what-if into a direct and an indirect effect
 * with a Monte Carlo interval. The answer states its assumptions, because they carry the number.
 */
import { compare } from '../../../core/cross-impact/compare.ts';
import { pairTable } from '../../../core/cross-impact/profiles.ts';
import { badThresholdsSchema, isBadAnswer, type BadThresholds } from '../../../core/experience/answers.ts';
import { badAnswerSql } from '../../../core/experience/answers-sql.ts';
import { feedbackColumns } from '../../../core/experience/sql.ts';
import { invertSpd, subMatrix } from '../../../core/drivers/linear-algebra.ts';
import type { Metric } from '../../../core/ingest/schemas.ts';
import { InputError, zodIssues } from '../../../core/issues.ts';
import type { ScoreCount } from '../../../core/what-if/change.ts';
import {
  liftRange,
  measure,
  measureChange,
  measureOf,
  shiftAnswers,
  shiftFor,
  type MeasureInfo,
} from '../../../core/what-if/units.ts';
import { parseWindow } from '../../../platform/time/follow-window.ts';
import type { OutcomeSpec } from '../../../core/experience/outcomes.ts';
import type { Change, Uncertain } from '../../../core/what-if/what-if.ts';
import { SqlParams } from '../../../platform/sql/params.ts';
import type { Services } from '../../graph.ts';
import { DEFAULT_EPISODE_DAYS, measureSignals } from '../cross-impact/service.ts';
import { fitStoredDrivers, type DriverCandidate } from '../drivers/stored.ts';
import { windowView } from '../../../platform/time/follow-window.ts';
import { monteCarloTask } from './tasks.ts';
import { whatIfRequestSchema, type WhatIfAnswer } from '../contract.ts';

const ASSUMPTIONS = [
  'The driver model is linear and additive: the outcome moves by b points per point of a touchpoint score, whatever the level, holding the other touchpoints fixed (the direct effect).',
  'Associations are read as causes: the driver coefficients and the cross-impact risk differences are taken to be effects, which holds only if no unmeasured factor drives both (customer mood, product, segment).',
  'The indirect effect follows one step of the cross-impact matrix: a bad experience avoided at the touchpoint avoids RD bad experiences at each other driver touchpoint, and each avoided one lifts that touchpoint score by its good-bad score gap. Longer chains and feedback loops are left out.',
  'A lift is given in the touchpoint’s own measure (NPS points, top-2-box percentage points for CSAT, scale points for CES and ratings) and applied as the same shift of every answer there, held inside the scale (a fractional shift moves that share of answers one point further); halving bad experiences turns half of them into good ones with the good experiences’ mean score.',
  'The outcome’s change is reported in its own measure by shifting the outcome answers of the window by the model’s change of the mean answer (a 0/1 outcome in percentage points of customers); direct and indirect are converted separately, so in NPS or top-2-box points they need not add up to the total exactly.',
  'The population is the customers in the driver model (complete on every driver); the estimate is the change of their mean outcome.',
];

interface GapRow {
  touchpoint: string;
  bad: number;
  n: number;
  mean: number;
  variance: number | null;
}

/** Mean score of good minus bad experiences per driver, in driver units (0-100 when rescaled). */
async function scoreGaps(
  services: Services,
  workspaceId: string,
  window: { from: Date; to: Date },
  drivers: DriverCandidate[],
  rescaled: boolean,
  thresholds: BadThresholds,
): Promise<Record<string, Uncertain | null>> {
  if (drivers.length === 0) return {};
  const params = new SqlParams();
  for (const v of [workspaceId, window.from, window.to]) params.add(v);
  const score = rescaled ? '100.0 * (f.score - f.scale_min) / (f.scale_max - f.scale_min)' : 'f.score';
  const which = drivers
    .map((d) => `(f.touchpoint = ${params.add(d.touchpoint)} AND f.metric = ${params.add(d.metric)})`)
    .join(' OR ');
  const rows = (await services.store.read(
    `SELECT f.touchpoint, CASE WHEN ${badAnswerSql(feedbackColumns(), thresholds)} THEN 1 ELSE 0 END AS bad,
       count(*) AS n, avg(${score}) AS mean, var_samp(${score}) AS variance
     FROM feedback f WHERE f.workspace_id = $1 AND f.ts >= $2 AND f.ts < $3 AND (${which})
     GROUP BY 1, 2`,
    params.values,
  )) as unknown as GapRow[];
  const gaps: Record<string, Uncertain | null> = {};
  for (const d of drivers) {
    const good = rows.find((r) => r.touchpoint === d.touchpoint && Number(r.bad) === 0);
    const bad = rows.find((r) => r.touchpoint === d.touchpoint && Number(r.bad) === 1);
    // A gap needs both kinds of experience, and a spread on each side for its standard error.
    if (!good || !bad || Number(good.n) < 2 || Number(bad.n) < 2) {
      gaps[d.touchpoint] = null;
      continue;
    }
    gaps[d.touchpoint] = {
      estimate: Number(good.mean) - Number(bad.mean),
      se: Math.sqrt(Number(good.variance ?? 0) / Number(good.n) + Number(bad.variance ?? 0) / Number(bad.n)),
    };
  }
  return gaps;
}

async function distribution(
  services: Services,
  workspaceId: string,
  window: { from: Date; to: Date },
  driver: DriverCandidate,
): Promise<ScoreCount[]> {
  const rows = await services.store.read(
    `SELECT score, count(*) AS n FROM feedback
     WHERE workspace_id = $1 AND ts >= $2 AND ts < $3 AND touchpoint = $4 AND metric = $5 GROUP BY score`,
    [workspaceId, window.from, window.to, driver.touchpoint, driver.metric],
  );
  return rows.map((r) => ({ score: Number(r.score), count: Number(r.n) }));
}

export async function whatIfAnalysis(
  services: Services,
  workspaceId: string,
  raw: unknown,
): Promise<WhatIfAnswer> {
  const parsed = whatIfRequestSchema.safeParse(raw);
  if (!parsed.success) throw new InputError(zodIssues(parsed.error));
  const r = parsed.data;
  const fit = await fitStoredDrivers(
    services,
    workspaceId,
    {
      from: r.from,
      to: r.to,
      ...(r.followUntil === undefined ? {} : { followUntil: r.followUntil }),
      outcome: r.outcome,
      ...(r.drivers
        ? { drivers: r.drivers.includes(r.touchpoint) ? r.drivers : [...r.drivers, r.touchpoint] }
        : {}),
      ...(r.minCoverage === undefined ? {} : { minCoverage: r.minCoverage }),
    },
    r.touchpoint,
  ).catch((error: unknown) => {
    // A touchpoint of the journey without scores in the window is a question the data cannot answer,
    // not a bad request: it gets an answer that says so (an unknown touchpoint stays a 400).
    if (error instanceof InputError && error.issues.length === 1 && error.issues[0]!.code === 'no_scores')
      return error.issues[0]!.message;
    throw error;
  });
  if (typeof fit === 'string') {
    const window = parseWindow(r);
    return {
      ok: false,
      workspace: workspaceId,
      window: windowView(window),
      touchpoint: r.touchpoint,
      outcome: r.outcome,
      outcomeDefinition: r.outcome,
      unit: '',
      assumptions: ASSUMPTIONS,
      error: { code: 'no_scores', message: fit },
      notes: [
        'The what-if moves a touchpoint’s survey scores; without scores in the period there is nothing to move. Choose a touchpoint that customers rated in the period.',
      ],
    };
  }
  const model = fit.answer;
  const binary = model.ok && model.outcomeKind === 'binary';
  const base = {
    workspace: workspaceId,
    window: windowView(fit.window),
    touchpoint: r.touchpoint,
    outcome: model.outcome,
    outcomeDefinition: model.outcomeDefinition,
    unit: binary ? 'share of customers (0-1)' : `points of ${model.outcome}`,
    ...(r.lift === undefined ? {} : { lift: r.lift }),
    assumptions: ASSUMPTIONS,
  };
  if (!model.ok) {
    return {
      ok: false,
      ...base,
      error: model.error,
      notes: [`The driver model could not be fitted: ${model.error.message}`],
    };
  }
  const active = model.drivers.map((d) => d.name);
  if (!active.includes(r.touchpoint)) {
    const why = model.excluded.find((e) => e.name === r.touchpoint);
    return {
      ok: false,
      ...base,
      error: {
        code: 'not_a_driver',
        message: `"${r.touchpoint}" is not in the fitted driver model${why ? `: ${why.message}` : ''}`,
      },
      notes: [],
    };
  }

  // Coefficients and their covariance, residual variance times the inverse co-moment matrix.
  const all = fit.chosen.map((c) => c.touchpoint);
  const moments = fit.moments!;
  const idx = active.map((name) => all.indexOf(name) + 1);
  const inv = invertSpd(subMatrix(moments.comoment, moments.k, idx), idx.length);
  const s2 = model.residualSd ** 2;
  const covB = inv ? inv.map((v) => v * s2) : new Float64Array(idx.length * idx.length);
  // Stored-data drivers are touchpoint scores, each one numeric regressor.
  const numeric = model.drivers.filter((d) => d.kind === 'numeric');
  const b = active.map((name) => numeric.find((d) => d.name === name)!.b);

  const thresholds = badThresholdsSchema.parse(r.bad ?? {});
  const target = fit.chosen.find((c) => c.touchpoint === r.touchpoint)!;
  const drivers = fit.chosen.filter((c) => active.includes(c.touchpoint));
  const gaps = await scoreGaps(services, workspaceId, fit.window, drivers, model.rescaled, thresholds);

  const measured = await measureSignals(services, workspaceId, {
    window: fit.window,
    outcomes: [],
    touchpoints: active,
    episodeDays: r.episodeDays ?? DEFAULT_EPISODE_DAYS,
    bad: thresholds,
  });
  const order = measured.touchpoints.map((t) => t.id);
  const x = order.indexOf(r.touchpoint);
  const rd: Record<string, Uncertain | null> = {};
  for (const id of active) {
    if (id === r.touchpoint) continue;
    const table = pairTable(measured.counts, x, order.indexOf(id));
    const effect = compare(table, r.minGroup);
    if (effect.status !== 'ok') {
      rd[id] = null;
      continue;
    }
    const p1 = table.a / table.n1;
    const p0 = table.c / table.n0;
    rd[id] = { estimate: p1 - p0, se: Math.sqrt((p1 * (1 - p1)) / table.n1 + (p0 * (1 - p0)) / table.n0) };
  }

  const span = target.scale.max - target.scale.min;
  const unitsPerPoint = model.rescaled ? 100 / span : 1;
  const isBad = (score: number) => isBadAnswer(thresholds, target.metric as Metric, score, target.scale);
  let change: Change;
  let changeView: NonNullable<WhatIfAnswer['change']>;
  const liftInfo = measureOf(target.metric, target.scale);
  if (r.lift !== undefined) {
    const answers = await distribution(services, workspaceId, fit.window, target);
    const shift = shiftFor(answers, r.lift, liftInfo.measure, target.scale);
    if (shift === null) {
      const [lo, hi] = liftRange(answers, liftInfo.measure, target.scale);
      throw new InputError([
        {
          path: 'lift',
          code: 'out_of_range',
          message: `a lift of ${r.lift} ${liftInfo.unit} is beyond what "${r.touchpoint}" can reach in this period (from ${lo.toFixed(1)} to ${hi.toFixed(1)})`,
        },
      ]);
    }
    const shifted = shiftAnswers(answers, shift, target.scale);
    const share = (xs: ScoreCount[], f: (s: number) => boolean) =>
      xs.reduce((a, x) => a + (f(x.score) ? x.count : 0), 0) / xs.reduce((a, x) => a + x.count, 0);
    const before = share(answers, isBad);
    const after = share(shifted, isBad);
    const deltaScore = measureChange(answers, shift, 'mean', target.scale);
    change = {
      kind: 'lift',
      points: shift,
      deltaScore: deltaScore * unitsPerPoint,
      deltaBad: after - before,
    };
    changeView = {
      kind: 'lift',
      deltaScore,
      badShareBefore: before,
      badShareAfter: after,
      deltaBad: after - before,
    };
  } else {
    const fraction = r.halveBad ? 0.5 : r.reduceBad!;
    const dist = await distribution(services, workspaceId, fit.window, target);
    const total = dist.reduce((s, d) => s + d.count, 0);
    const badShare = total ? dist.filter((d) => isBad(d.score)).reduce((s, d) => s + d.count, 0) / total : 0;
    change = { kind: 'reduce-bad', fraction, badShare };
    const gap = gaps[r.touchpoint]?.estimate ?? 0;
    changeView = {
      kind: 'reduce-bad',
      deltaScore: (fraction * badShare * gap) / unitsPerPoint,
      badShareBefore: badShare,
      badShareAfter: badShare * (1 - fraction),
      deltaBad: -fraction * badShare,
    };
  }

  const result = await services.heavy.run(
    monteCarloTask,
    {
      target: r.touchpoint,
      drivers: active,
      b,
      covB,
      gaps,
      rd,
      change,
      ...(r.draws === undefined ? {} : { draws: r.draws }),
      ...(r.seed === undefined ? {} : { seed: r.seed }),
    },
    { key: workspaceId },
  );
  const scale = await outcomeScale(services, workspaceId, fit.window, fit.outcome, binary);
  const toUser = (x: number): number => scale.convert(x);
  const convert = (e: { estimate: number; ci95: [number, number] }) => ({
    estimate: toUser(e.estimate),
    ci95: [toUser(e.ci95[0]), toUser(e.ci95[1])] as [number, number],
  });
  const baseline = scale.baseline ?? (binary ? 100 * model.outcomeMean : model.outcomeMean);
  const notes = [
    `Direct effect from the driver model (n = ${model.n}, R² = ${model.r2.toFixed(3)}); indirect effect through the cross-impact risk differences from "${r.touchpoint}" to the other ${active.length - 1} driver touchpoints.`,
    ...(model.rescaled
      ? ['Driver scores were rescaled to 0-100 because their scales differ; b is per 0-100 point.']
      : []),
    ...(result.unmeasured.length
      ? [`Paths without enough data (counted as 0): ${result.unmeasured.join(', ')}.`]
      : []),
  ];
  return {
    ok: true,
    ...base,
    unit: scale.unit,
    liftUnit: liftInfo.unit,
    change: changeView,
    baseline,
    expected: {
      estimate: baseline + toUser(result.total.estimate),
      ci95: [baseline + toUser(result.total.ci95[0]), baseline + toUser(result.total.ci95[1])],
    },
    direct: convert(result.direct),
    indirect: convert(result.indirect),
    total: convert(result.total),
    modelScale: {
      unit: `mean answer points of ${model.outcome}`,
      baseline: model.outcomeMean,
      total: result.total,
    },
    paths: result.paths,
    unmeasured: result.unmeasured,
    model: {
      n: model.n,
      r2: model.r2,
      drivers: numeric.map((d) => ({ name: d.name, b: d.b, bSe: d.bSe })),
    },
    method: result.method,
    notes,
  };
}

/**
 * How the outcome's change is shown: a 0/1 outcome in percentage points of customers; a score in its
 * own measure (NPS points, top-2-box points, scale points) read off the outcome answers of the window.
 */
async function outcomeScale(
  services: Services,
  workspaceId: string,
  window: { from: Date; to: Date },
  outcome: OutcomeSpec,
  binary: boolean,
): Promise<{ unit: string; baseline: number | null; convert: (x: number) => number }> {
  if (binary || outcome.kind !== 'feedback')
    return { unit: 'percentage points of customers', baseline: null, convert: (x) => 100 * x };
  const rows = await services.store.read(
    `SELECT score, scale_min, scale_max, count(*) AS n FROM feedback
     WHERE workspace_id = $1 AND ts >= $2 AND ts < $3 AND metric = $4 ${outcome.touchpoint ? 'AND touchpoint = $5' : ''}
     GROUP BY 1, 2, 3`,
    [
      workspaceId,
      window.from,
      window.to,
      outcome.metric,
      ...(outcome.touchpoint ? [outcome.touchpoint] : []),
    ],
  );
  // The scale most answers use; answers on other scales are left out of the conversion.
  const byScale = new Map<
    string,
    { scale: { min: number; max: number }; answers: ScoreCount[]; n: number }
  >();
  for (const row of rows) {
    const key = `${row.scale_min}-${row.scale_max}`;
    const entry = byScale.get(key) ?? {
      scale: { min: Number(row.scale_min), max: Number(row.scale_max) },
      answers: [],
      n: 0,
    };
    entry.answers.push({ score: Number(row.score), count: Number(row.n) });
    entry.n += Number(row.n);
    byScale.set(key, entry);
  }
  const main = [...byScale.values()].sort((a, b) => b.n - a.n)[0];
  if (!main) return { unit: `points of ${outcome.id}`, baseline: null, convert: (x) => x };
  const info: MeasureInfo = measureOf(outcome.metric, main.scale);
  return {
    unit: info.unit,
    baseline: measure(main.answers, info.measure, main.scale),
    convert: (x) => measureChange(main.answers, x, info.measure, main.scale),
  };
}
