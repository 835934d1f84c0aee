import { z } from 'zod';
import type { FieldIssue } from '../issues.ts';
import { withPotentialWeight, type InfluenceMatrix } from './matrix-input.ts';
import { competitionRanks, sameRanks } from './ranking.ts';
import { classify, resolveThreshold, THRESHOLD_METHODS, type Quadrant, type Threshold } from './quadrants.ts';

/**
 * Godet's MICMAC scores influence from 0 to 3 and lets the potential matrix count `P` as a strong
 * influence, so a `P` weighs 3 unless the caller says otherwise.
 */
export const DEFAULT_POTENTIAL_WEIGHT = 3;
/** Rankings of real workshop matrices settle within about ten powers; 50 leaves room and stays cheap. */
export const DEFAULT_MAX_POWER = 50;
export const MAX_POWER_LIMIT = 1000;

export const micmacOptionsSchema = z.strictObject({
  power: z.int().min(2).max(MAX_POWER_LIMIT).optional(),
  maxPower: z.int().min(2).max(MAX_POWER_LIMIT).optional(),
  threshold: z.union([z.enum(THRESHOLD_METHODS), z.number().nonnegative()]).optional(),
  potentialWeight: z.number().nonnegative().optional(),
});
export type MicmacOptions = z.infer<typeof micmacOptionsSchema>;

/** Why the powers stopped where they did. */
export type PowerStop = 'stable-ranking' | 'max-power' | 'fixed-power' | 'vanished';

export interface Scores {
  influence: number[];
  dependence: number[];
  influenceRank: number[];
  dependenceRank: number[];
}

export interface IndirectScores extends Scores {
  power: number;
  converged: boolean;
  stop: PowerStop;
  maxPower: number;
  /** When the ranking cycles: how many powers apart the last ranking was seen before. */
  period?: number;
  quadrants: Quadrant[];
  threshold: Threshold;
}

export interface RankMove {
  variable: string;
  directRank: number;
  indirectRank: number;
  /** Places gained from direct to indirect influence. */
  move: number;
}

export interface MicmacMap {
  direct: Scores;
  indirect: IndirectScores;
  /** Quadrants of the direct map; the indirect map has its own under `indirect`. */
  quadrants: Quadrant[];
  threshold: Threshold;
  hiddenInfluencers: RankMove[];
  notes: string[];
}

export interface MicmacResult extends MicmacMap {
  variables: string[];
  orientation: 'rows influence columns';
  /** The same analysis with every `P` counted as `weight`; null when the matrix has no `P`. */
  potential: (MicmacMap & { weight: number; cells: number }) | null;
}

export type MicmacOutcome = { ok: true; result: MicmacResult } | { ok: false; issues: FieldIssue[] };

function normalised(v: Float64Array): Float64Array {
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += v[i]!;
  if (sum > 0) for (let i = 0; i < v.length; i++) v[i]! /= sum;
  return v;
}

/** M·v: row sums of M^k when v holds the row sums of M^(k-1), so no matrix power is ever formed. */
function timesVector(m: Float64Array, n: number, v: Float64Array): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    const row = i * n;
    for (let j = 0; j < n; j++) s += m[row + j]! * v[j]!;
    out[i] = s;
  }
  return out;
}

/** vᵀ·M: column sums of M^k from those of M^(k-1). */
function vectorTimes(v: Float64Array, m: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const w = v[i]!;
    if (w === 0) continue;
    const row = i * n;
    for (let j = 0; j < n; j++) out[j]! += w * m[row + j]!;
  }
  return out;
}

const isZero = (v: Float64Array) => v.every((x) => x === 0);
const rankKey = (a: Int32Array, b: Int32Array) => `${a.join(',')}|${b.join(',')}`;

interface PowerRun {
  influence: Float64Array;
  dependence: Float64Array;
  influenceRank: Int32Array;
  dependenceRank: Int32Array;
  power: number;
  converged: boolean;
  stop: PowerStop;
  maxPower: number;
  period?: number;
}

/**
 * Successive powers of M, kept as the two vectors MICMAC ranks (row and column sums of M^k),
 * renormalised to sum 1 at every step so nothing overflows. Stops when both rankings are the same
 * as at the previous power, at the fixed power asked for, at the bound, or when M^k vanishes
 * (an acyclic matrix), keeping the last power that still carried influence.
 */
function powers(m: Float64Array, n: number, fixedPower: number | undefined, maxPower: number): PowerRun {
  const ones = new Float64Array(n).fill(1);
  let influence = normalised(timesVector(m, n, ones));
  let dependence = normalised(vectorTimes(ones, m, n));
  let influenceRank = competitionRanks(influence);
  let dependenceRank = competitionRanks(dependence);
  const seen = new Map([[rankKey(influenceRank, dependenceRank), 1]]);
  const limit = fixedPower ?? maxPower;
  let power = 1;
  let converged = false;
  let stop: PowerStop = fixedPower === undefined ? 'max-power' : 'fixed-power';
  let period: number | undefined;
  while (power < limit) {
    const nextInfluence = timesVector(m, n, influence);
    const nextDependence = vectorTimes(dependence, m, n);
    if (isZero(nextInfluence) || isZero(nextDependence)) {
      stop = 'vanished';
      converged = false;
      break;
    }
    power++;
    influence = normalised(nextInfluence);
    dependence = normalised(nextDependence);
    const nextInfluenceRank = competitionRanks(influence);
    const nextDependenceRank = competitionRanks(dependence);
    converged = sameRanks(influenceRank, nextInfluenceRank) && sameRanks(dependenceRank, nextDependenceRank);
    influenceRank = nextInfluenceRank;
    dependenceRank = nextDependenceRank;
    if (converged && fixedPower === undefined) {
      stop = 'stable-ranking';
      break;
    }
    const key = rankKey(influenceRank, dependenceRank);
    const before = seen.get(key);
    period = before === undefined ? undefined : power - before;
    seen.set(key, power);
  }
  const run: PowerRun = {
    influence,
    dependence,
    influenceRank,
    dependenceRank,
    power,
    converged,
    stop,
    maxPower,
  };
  if (stop === 'max-power' && period !== undefined) run.period = period;
  return run;
}

function scores(influence: ArrayLike<number>, dependence: ArrayLike<number>): Scores {
  return {
    influence: Array.from(influence),
    dependence: Array.from(dependence),
    influenceRank: Array.from(competitionRanks(influence)),
    dependenceRank: Array.from(competitionRanks(dependence)),
  };
}

function hiddenInfluencers(variables: string[], direct: Scores, indirect: Scores): RankMove[] {
  return variables
    .map((variable, i) => ({
      variable,
      directRank: direct.influenceRank[i]!,
      indirectRank: indirect.influenceRank[i]!,
      move: direct.influenceRank[i]! - indirect.influenceRank[i]!,
    }))
    .filter((m) => m.move > 0)
    .sort((a, b) => b.move - a.move);
}

function powerNote(run: PowerRun): string | undefined {
  if (run.stop === 'vanished') {
    return run.power === 1
      ? 'M^2 is zero: no influence passes through an intermediary, so the indirect ranking is the direct one'
      : `M^${run.power + 1} is zero (the influence graph has no cycle), so the indirect scores are those of M^${run.power}, the last power that carries influence`;
  }
  if (run.stop === 'max-power') {
    const cycle = run.period ? `; the rankings repeat every ${run.period} powers` : '';
    return `the rankings did not settle within ${run.maxPower} powers${cycle}; the scores shown are those of M^${run.power}`;
  }
  return undefined;
}

function analyseMap(variables: string[], m: Float64Array, options: MicmacOptions): MicmacMap {
  const n = variables.length;
  const ones = new Float64Array(n).fill(1);
  const direct = scores(timesVector(m, n, ones), vectorTimes(ones, m, n));
  const run = powers(m, n, options.power, options.maxPower ?? DEFAULT_MAX_POWER);
  const spec = options.threshold ?? 'mean';
  const threshold = resolveThreshold(spec, direct.influence, direct.dependence);
  const total = direct.influence.reduce((a, b) => a + b, 0);
  const indirectThreshold = resolveThreshold(spec, run.influence, run.dependence, 1 / total);
  const { influenceRank, dependenceRank, ...rest } = run;
  const indirect: IndirectScores = {
    ...rest,
    influence: Array.from(run.influence),
    dependence: Array.from(run.dependence),
    influenceRank: Array.from(influenceRank),
    dependenceRank: Array.from(dependenceRank),
    quadrants: classify(run.influence, run.dependence, indirectThreshold),
    threshold: indirectThreshold,
  };
  const note = powerNote(run);
  return {
    direct,
    indirect,
    quadrants: classify(direct.influence, direct.dependence, threshold),
    threshold,
    hiddenInfluencers: hiddenInfluencers(variables, direct, indirect),
    notes: note ? [note] : [],
  };
}

const hasInfluence = (m: Float64Array) => m.some((x) => x !== 0);

export function micmac(matrix: InfluenceMatrix, options: MicmacOptions = {}): MicmacOutcome {
  if (!hasInfluence(matrix.values)) {
    return {
      ok: false,
      issues: [
        {
          path: 'matrix',
          code: 'no_influence',
          message: 'every cell is 0 (a "P" counts as 0 in the direct run): there is no influence to rank',
        },
      ],
    };
  }
  const main = analyseMap(matrix.variables, matrix.values, options);
  let potential: MicmacResult['potential'] = null;
  if (matrix.potentialCount > 0) {
    const weight = options.potentialWeight ?? DEFAULT_POTENTIAL_WEIGHT;
    const weighted = withPotentialWeight(matrix, weight);
    potential = { weight, cells: matrix.potentialCount, ...analyseMap(matrix.variables, weighted, options) };
  }
  return {
    ok: true,
    result: { variables: matrix.variables, orientation: 'rows influence columns', ...main, potential },
  };
}
