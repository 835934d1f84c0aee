import type { CibMatrix } from './cib-input.ts';

/** Impact balance of every variant: the column sums over the rows of the chosen variants. */
export function impactBalances(matrix: CibMatrix, scenario: Int32Array): Int32Array {
  const size = matrix.variants.length;
  const balances = new Int32Array(size);
  scenario.forEach((v, d) => {
    const row = (matrix.offsets[d]! + v) * size;
    for (let j = 0; j < size; j++) balances[j]! += matrix.values[row + j]!;
  });
  return balances;
}

export interface DescriptorBalance {
  id: string;
  chosen: string;
  balance: number;
  /** The highest impact score within the descriptor. */
  best: number;
  /** best - balance: how far the chosen variant is from being consistent. */
  shortfall: number;
}

export interface ScenarioScore {
  /** Largest shortfall over descriptors; 0 means consistent (ties count as consistent). */
  inconsistency: number;
  /** Sum of the chosen variants' impact scores. */
  totalImpactScore: number;
}

export function scoreBalances(matrix: CibMatrix, scenario: Int32Array, balances: Int32Array): ScenarioScore {
  let inconsistency = 0;
  let totalImpactScore = 0;
  scenario.forEach((v, d) => {
    const first = matrix.offsets[d]!;
    const chosen = balances[first + v]!;
    let best = chosen;
    for (let k = 0; k < matrix.counts[d]!; k++) best = Math.max(best, balances[first + k]!);
    inconsistency = Math.max(inconsistency, best - chosen);
    totalImpactScore += chosen;
  });
  return { inconsistency, totalImpactScore };
}

export interface ScenarioEvaluation extends ScenarioScore {
  scenario: string[];
  consistent: boolean;
  balances: Record<string, number>;
  descriptors: DescriptorBalance[];
}

/** Everything CIB says about one scenario: its balances, consistency and scores. */
export function evaluateScenario(matrix: CibMatrix, scenario: Int32Array): ScenarioEvaluation {
  const balances = impactBalances(matrix, scenario);
  const score = scoreBalances(matrix, scenario, balances);
  const descriptors = matrix.descriptors.map((d, i): DescriptorBalance => {
    const first = matrix.offsets[i]!;
    const chosen = scenario[i]!;
    let best = -Infinity;
    for (let k = 0; k < d.variants.length; k++) best = Math.max(best, balances[first + k]!);
    const balance = balances[first + chosen]!;
    return { id: d.id, chosen: d.variants[chosen]!, balance, best, shortfall: best - balance };
  });
  return {
    scenario: scenarioNames(matrix, scenario),
    consistent: score.inconsistency === 0,
    ...score,
    balances: Object.fromEntries(matrix.variants.map((v, i) => [v, balances[i]!])),
    descriptors,
  };
}

export function scenarioNames(matrix: CibMatrix, scenario: Int32Array): string[] {
  return Array.from(scenario, (v, d) => matrix.descriptors[d]!.variants[v]!);
}

export interface FoundScenario extends ScenarioScore {
  scenario: Int32Array;
}

/**
 * The naive reference: every scenario, balances summed from scratch. Exponential and slow on
 * purpose; it exists to check the pruned search and to time against it.
 */
export function bruteForceScenarios(matrix: CibMatrix, maxInconsistency = 0): FoundScenario[] {
  const d = matrix.descriptors.length;
  const scenario = new Int32Array(d);
  const found: FoundScenario[] = [];
  for (;;) {
    const score = scoreBalances(matrix, scenario, impactBalances(matrix, scenario));
    if (score.inconsistency <= maxInconsistency) found.push({ scenario: scenario.slice(), ...score });
    let k = d - 1;
    while (k >= 0 && scenario[k] === matrix.counts[k]! - 1) scenario[k--] = 0;
    if (k < 0) return found;
    scenario[k]!++;
  }
}
