/**
 * Key drivers over stored data: per customer, the mean score at each touchpoint is a driver and the
 * outcome is their NPS (or another score), a repeat purchase (0/1) or a churn (0/1). The database
 * reduces the customers to co-moments (drivers-sql.ts); the same core as the CSV mode does the rest,
 * so both modes give the same answer on the same data.
 */
import { analyzeMoments } from '../../../core/drivers/analyze.ts';
import type { Moments } from '../../../core/drivers/correlation.ts';
import type { DriverOptions } from '../../../core/drivers/types.ts';
import { describeOutcome, parseOutcomeSpec, type OutcomeSpec } from '../../../core/experience/outcomes.ts';
import { InputError, zodIssues } from '../../../core/issues.ts';
import type { Services } from '../../graph.ts';
import { coverageSql, inventorySql, momentsSql, type DriverQuery, type DriverSource } from './sql.ts';
import { parseWindow, windowView, type Window } from '../../../platform/time/follow-window.ts';
import { storedDriversRequestSchema, type StoredDriverAnswer } from '../contract.ts';

/** A driver needs a score from at least this share of the customers with the outcome (default). */
export const DEFAULT_MIN_COVERAGE = 0.5;

export interface DriverCandidate {
  touchpoint: string;
  name: string;
  metric: string;
  scale: { min: number; max: number };
  /** Customers with the outcome who also have a score here. */
  customers: number;
  /** customers / customers with the outcome. */
  coverage: number;
  chosen: boolean;
  reason?: string;
}

interface InventoryRow {
  touchpoint: string;
  metric: string;
  responses: number;
  scale_min: number;
  scale_max: number;
  min_span: number;
}

const feedsOutcome = (o: OutcomeSpec, touchpoint: string, metric: string) =>
  o.kind === 'feedback' && o.metric === metric && (o.touchpoint === null || o.touchpoint === touchpoint);

function outcomeLabel(o: OutcomeSpec): string {
  if (o.kind === 'repeat-purchase')
    return 'a purchase after the first driver response in the window, among customers who had bought at or before it (0/1)';
  if (o.kind === 'churn') return 'a churn event after the first driver response in the window (0/1)';
  const at = o.touchpoint ? ` at ${o.touchpoint}` : '';
  return `the customer's mean ${o.metric.toUpperCase()} score${at} in the window`;
}

/** The touchpoints that can be drivers: a score in the window that is not the outcome itself. */
async function candidates(services: Services, workspaceId: string, window: Window, outcome: OutcomeSpec) {
  const journey = await services.journeys.get(workspaceId);
  const q = inventorySql(workspaceId, window.from, window.to);
  const rows = (await services.store.read(q.sql, q.params)) as unknown as InventoryRow[];
  const order = journey.map.stages.flatMap((s) => s.touchpoints);
  const list: Omit<DriverCandidate, 'customers' | 'coverage' | 'chosen'>[] = [];
  for (const tp of order) {
    // A touchpoint asked in several metrics is a driver in the one most answered.
    const best = rows
      .filter((r) => r.touchpoint === tp.id && !feedsOutcome(outcome, r.touchpoint, r.metric))
      .sort((a, b) => b.responses - a.responses)[0];
    if (best) {
      list.push({
        touchpoint: tp.id,
        name: tp.name,
        metric: best.metric,
        scale: { min: best.scale_min, max: best.scale_max },
        ...(best.min_span !== best.scale_max - best.scale_min ? { reason: 'mixed-scales' } : {}),
      });
    }
  }
  return { journey, list };
}

function moments(row: Record<string, unknown>, k: number): Moments {
  const n = Number(row.n);
  const mean = new Float64Array(k);
  const min = new Float64Array(k);
  const max = new Float64Array(k);
  const comoment = new Float64Array(k * k);
  const binary: boolean[] = [];
  for (let i = 0; i < k; i++) {
    mean[i] = Number(row[`mean_${i}`] ?? 0);
    min[i] = Number(row[`min_${i}`] ?? 0);
    max[i] = Number(row[`max_${i}`] ?? 0);
    binary.push(Number(row[`binary_${i}`] ?? 0) === 1);
    for (let j = i; j < k; j++) {
      const c = Number(row[`cov_${i}_${j}`] ?? 0) * n;
      comoment[i * k + j] = c;
      comoment[j * k + i] = c;
    }
  }
  return { n, k, mean, comoment, min, max, binary };
}

export interface StoredDriverFit {
  answer: StoredDriverAnswer;
  /** Co-moments of [outcome, ...chosen] over the complete customers; null when nothing was fitted. */
  moments: Moments | null;
  chosen: DriverCandidate[];
  window: Window;
  outcome: OutcomeSpec;
}

export async function storedDrivers(
  services: Services,
  workspaceId: string,
  raw: unknown,
): Promise<StoredDriverAnswer> {
  return (await fitStoredDrivers(services, workspaceId, raw)).answer;
}

/**
 * Fits the model and keeps what the what-if needs besides the answer. `require` is a touchpoint that
 * must be a driver whatever its coverage (the one a what-if moves).
 */
export async function fitStoredDrivers(
  services: Services,
  workspaceId: string,
  raw: unknown,
  require?: string,
): Promise<StoredDriverFit> {
  const parsed = storedDriversRequestSchema.safeParse(raw);
  if (!parsed.success) throw new InputError(zodIssues(parsed.error));
  const request = parsed.data;
  const window = parseWindow(request);
  const outcome = parseOutcomeSpec(request.outcome);
  if ('code' in outcome) throw new InputError([outcome]);
  const minCoverage = request.minCoverage ?? DEFAULT_MIN_COVERAGE;
  const { journey, list } = await candidates(services, workspaceId, window, outcome);

  if (request.drivers) {
    const unknown = request.drivers.filter((id) => !list.some((c) => c.touchpoint === id));
    if (unknown.length) {
      throw new InputError(
        unknown.map((id) => ({
          path: 'drivers',
          code: journey.touchpoints.has(id) ? 'no_scores' : 'unknown_touchpoint',
          message: journey.touchpoints.has(id)
            ? `"${id}" has no scores in the window (other than the outcome's)`
            : `"${id}" is not in the journey map`,
        })),
      );
    }
  }
  const pool = request.drivers ? list.filter((c) => request.drivers!.includes(c.touchpoint)) : list;
  const scales = new Set(pool.map((c) => `${c.scale.min}-${c.scale.max}`));
  const rescaled = scales.size > 1 || pool.some((c) => c.reason === 'mixed-scales');
  const sources = (cs: typeof pool): DriverSource[] =>
    cs.map((c) => ({ touchpoint: c.touchpoint, metric: c.metric, rescale: rescaled }));
  const base: Omit<DriverQuery, 'drivers'> = {
    workspaceId,
    ...window,
    outcome,
    purchaseEvents: journey.map.outcomes.purchase,
    churnEvents: journey.map.outcomes.churn,
  };

  const cov = coverageSql({ ...base, drivers: sources(pool) });
  const [covRow] = await services.store.read(cov.sql, cov.params);
  const withOutcome = Number(covRow?.n ?? 0);
  const candidatesOut: DriverCandidate[] = pool.map((c, j) => {
    const customers = Number(covRow?.[`x${j}`] ?? 0);
    const coverage = withOutcome > 0 ? customers / withOutcome : 0;
    const chosen =
      request.drivers !== undefined || c.touchpoint === require || (coverage >= minCoverage && customers > 0);
    return {
      ...c,
      customers,
      coverage,
      chosen,
      ...(chosen
        ? {}
        : { reason: `scored by ${(coverage * 100).toFixed(1)} % of the customers with the outcome` }),
    };
  });
  const chosen = pool.filter((_, j) => candidatesOut[j]!.chosen);
  const common = {
    workspace: workspaceId,
    window: windowView(window),
    outcomeDefinition: outcomeLabel(outcome),
    customersWithOutcome: withOutcome,
    selection: {
      rule: request.drivers
        ? 'the drivers asked for'
        : `touchpoints scored by at least ${minCoverage * 100} % of the customers with the outcome (listwise deletion keeps only customers with every driver)`,
      minCoverage,
      candidates: candidatesOut,
    },
    rescaled,
  };
  const options: DriverOptions = {
    ...(request.threshold === undefined ? {} : { threshold: request.threshold }),
    ...(request.importanceThreshold === undefined
      ? {}
      : { importanceThreshold: request.importanceThreshold }),
    ...(request.importance === undefined ? {} : { importance: request.importance }),
    ...(request.minN === undefined ? {} : { minN: request.minN }),
    ...(request.maxDrivers === undefined ? {} : { maxDrivers: request.maxDrivers }),
    // A churn is the one outcome where less is better: a driver that raises it works against it.
    better: outcome.kind === 'churn' ? 'lower' : 'higher',
  };

  const chosenOut = candidatesOut.filter((c) => c.chosen);
  if (require !== undefined && !pool.some((c) => c.touchpoint === require)) {
    throw new InputError([
      {
        path: 'touchpoint',
        code: journey.touchpoints.has(require) ? 'no_scores' : 'unknown_touchpoint',
        message: journey.touchpoints.has(require)
          ? `"${require}" has no scores in the window${request.drivers ? ' among the drivers asked for' : ''}`
          : `"${require}" is not in the journey map`,
      },
    ]);
  }
  if (withOutcome === 0 || chosen.length === 0) {
    const message =
      withOutcome === 0
        ? `no customer has the outcome "${outcome.id}" (${describeOutcome(outcome)}) in the window`
        : pool.length === 0
          ? 'no touchpoint has scores in the window besides the outcome'
          : `no touchpoint is scored by ${minCoverage * 100} % of the customers with the outcome; name drivers explicitly or lower the minimum coverage`;
    const answer: StoredDriverAnswer = {
      ok: false,
      outcome: outcome.id,
      rowsRead: withOutcome,
      n: 0,
      columns: [],
      excluded: [],
      error: { code: withOutcome === 0 ? 'no_complete_rows' : 'no_usable_drivers', message },
      ...common,
    };
    return { answer, moments: null, chosen: chosenOut, window, outcome };
  }

  const q = momentsSql({ ...base, drivers: sources(chosen) });
  const [row] = await services.store.read(q.sql, q.params);
  const names = chosen.map((c) => c.touchpoint);
  const fitted = moments(row ?? { n: 0 }, names.length + 1);
  const analysis = analyzeMoments(
    {
      outcome: outcome.id,
      drivers: names,
      // Performance is read on the scale customers answered on (0-100 when the scales were unified).
      scales: chosen.map((c) => (rescaled ? { min: 0, max: 100 } : c.scale)),
      moments: fitted,
      rowsRead: withOutcome,
      columns: [
        { name: outcome.id, role: 'outcome', missing: 0, notApplicable: 0 },
        ...chosen.map((c) => ({
          name: c.touchpoint,
          role: 'driver' as const,
          missing: withOutcome - candidatesOut[pool.indexOf(c)]!.customers,
          notApplicable: 0,
        })),
      ],
      excluded: [],
    },
    options,
  );
  return { answer: { ...analysis, ...common }, moments: fitted, chosen: chosenOut, window, outcome };
}
