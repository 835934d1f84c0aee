import { z } from 'zod';
import type { FieldIssue } from '../issues.ts';
import { withPotentialWeight, type InfluenceMatrix } from './matrix-input.ts';
import { luFactor, luSolve } from './lu.ts';

export const dematelOptionsSchema = z.strictObject({
  /** DEMATEL has no potential influences of its own: a `P` counts 0 unless a weight is given. */
  potentialWeight: z.number().nonnegative().optional(),
});
export type DematelOptions = z.infer<typeof dematelOptionsSchema>;

export type DematelGroup = 'cause' | 'effect' | 'neutral';

export interface DematelResult {
  variables: string[];
  orientation: 'rows influence columns';
  potentialWeight: number;
  normalisation: { method: 'largest row or column sum'; value: number };
  /** T = N (I - N)^-1, row-major as nested arrays. */
  total: number[][];
  /** R: row sums of T (influence given). */
  given: number[];
  /** C: column sums of T (influence received). */
  received: number[];
  prominence: number[];
  relation: number[];
  groups: DematelGroup[];
  diagram: {
    points: { variable: string; prominence: number; relation: number; group: DematelGroup }[];
    /** The usual cut for drawing arrows: the mean of T. */
    threshold: number;
    arrows: { from: string; to: string; value: number }[];
  };
}

export type DematelOutcome = { ok: true; result: DematelResult } | { ok: false; issues: FieldIssue[] };

/** Relation scores this close to zero (relative to prominence) are rounding noise, not a cause or an effect. */
const NEUTRAL_TOLERANCE = 1e-9;
const SUM_TOLERANCE = 1e-9;

function sums(a: Float64Array, n: number): { rows: Float64Array; cols: Float64Array } {
  const rows = new Float64Array(n);
  const cols = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const v = a[i * n + j]!;
      rows[i]! += v;
      cols[j]! += v;
    }
  }
  return { rows, cols };
}

/**
 * I - N is singular exactly when N has spectral radius 1. With every row and column sum of N at
 * most 1 (Perron-Frobenius), that happens only for a group of variables that exchange influence
 * among themselves alone, every one of them with row and column sums equal to the largest sum.
 * Found by pruning: start from the variables whose sums both equal the largest, and drop any that
 * touches a variable outside the set until nothing changes.
 */
export function closedSaturatedGroup(a: Float64Array, n: number, largest: number): number[] {
  const { rows, cols } = sums(a, n);
  const equal = (x: number) => Math.abs(x - largest) <= SUM_TOLERANCE * largest;
  const inSet = new Uint8Array(n);
  for (let i = 0; i < n; i++) inSet[i] = equal(rows[i]!) && equal(cols[i]!) ? 1 : 0;
  let changed = true;
  while (changed) {
    changed = false;
    for (let i = 0; i < n; i++) {
      if (!inSet[i]) continue;
      for (let j = 0; j < n; j++) {
        if (inSet[j]) continue;
        if (a[i * n + j] !== 0 || a[j * n + i] !== 0) {
          inSet[i] = 0;
          changed = true;
          break;
        }
      }
    }
  }
  const group: number[] = [];
  inSet.forEach((v, i) => v && group.push(i));
  return group;
}

function singular(variables: string[], group: number[], largest: number): DematelOutcome {
  const names = group.map((i) => `"${variables[i]}"`).join(', ');
  const why = group.length
    ? `${names} influence only one another and each has row and column sums equal to the largest sum (${largest}), so N has spectral radius 1`
    : 'the normalised matrix has spectral radius 1 (to rounding)';
  return {
    ok: false,
    issues: [
      {
        path: 'matrix',
        code: 'singular',
        message: `I - N is singular: ${why}, and the total influence N + N^2 + ... never converges. Weaken one influence inside that group or add one leaving it.`,
      },
    ],
  };
}

export function dematel(matrix: InfluenceMatrix, options: DematelOptions = {}): DematelOutcome {
  const { variables, n } = matrix;
  const potentialWeight = options.potentialWeight ?? 0;
  const a = potentialWeight ? withPotentialWeight(matrix, potentialWeight) : matrix.values;
  const { rows, cols } = sums(a, n);
  let largest = 0;
  for (let i = 0; i < n; i++) largest = Math.max(largest, rows[i]!, cols[i]!);
  if (largest === 0) {
    return {
      ok: false,
      issues: [
        {
          path: 'matrix',
          code: 'no_influence',
          message: 'every cell is 0: there is no influence to normalise',
        },
      ],
    };
  }
  const group = closedSaturatedGroup(a, n, largest);
  if (group.length) return singular(variables, group, largest);
  const normalised = new Float64Array(n * n);
  const iMinusN = new Float64Array(n * n);
  for (let k = 0; k < n * n; k++) {
    normalised[k] = a[k]! / largest;
    iMinusN[k] = -normalised[k]!;
  }
  for (let i = 0; i < n; i++) iMinusN[i * n + i]! += 1;
  const factor = luFactor(iMinusN, n);
  if (!factor.ok) return singular(variables, [], largest);
  // N and (I - N)^-1 commute (both are power series in N), so T = (I - N)^-1 N: one solve, no inverse.
  const t = luSolve(factor.lu, factor.pivots, n, normalised, n);
  const { rows: given, cols: received } = sums(t, n);
  const prominence = Array.from(given, (r, i) => r + received[i]!);
  const relation = Array.from(given, (r, i) => r - received[i]!);
  const groups = relation.map((r, i): DematelGroup => {
    if (Math.abs(r) <= NEUTRAL_TOLERANCE * prominence[i]!) return 'neutral';
    return r > 0 ? 'cause' : 'effect';
  });
  let totalSum = 0;
  for (let k = 0; k < n * n; k++) totalSum += t[k]!;
  const threshold = totalSum / (n * n);
  const total: number[][] = [];
  const arrows: DematelResult['diagram']['arrows'] = [];
  for (let i = 0; i < n; i++) {
    total.push(Array.from(t.subarray(i * n, (i + 1) * n)));
    for (let j = 0; j < n; j++) {
      const value = t[i * n + j]!;
      if (i !== j && value > threshold) arrows.push({ from: variables[i]!, to: variables[j]!, value });
    }
  }
  return {
    ok: true,
    result: {
      variables,
      orientation: 'rows influence columns',
      potentialWeight,
      normalisation: { method: 'largest row or column sum', value: largest },
      total,
      given: Array.from(given),
      received: Array.from(received),
      prominence,
      relation,
      groups,
      diagram: {
        points: variables.map((variable, i) => ({
          variable,
          prominence: prominence[i]!,
          relation: relation[i]!,
          group: groups[i]!,
        })),
        threshold,
        arrows,
      },
    },
  };
}
