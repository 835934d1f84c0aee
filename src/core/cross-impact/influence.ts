/**
 * The measured matrix as input for the structural analyses (MICMAC, DEMATEL), which take
 * `{variables, matrix}` with non-negative intensities, rows influencing columns.
 *
 * An influence is the risk difference of a bad experience at the row on a bad experience at the
 * column, kept only where it is positive and its interval excludes 0: a bad experience that makes
 * another less likely is not an "influence" in MICMAC's sense, and a noisy estimate is not one
 * either. Pairs without an estimate enter as 0 (the structural input has no "unknown") and are
 * listed in `unmeasured`, so the caller can say which zeros are not measurements.
 */
import type { CrossImpactMatrix } from './matrix.ts';

export interface InfluenceOptions {
  /** 'risk-difference' (default) or 'lift' (entered as lift - 1, the relative excess risk). */
  measure?: 'risk-difference' | 'lift';
  /** Also keep positive effects whose interval includes 0 (default false). */
  includeNonSignificant?: boolean;
  /** Map the values onto Godet's 0-3 scale by thirds of the largest value (default false: raw values). */
  scale?: 'raw' | '0-3';
}

export interface InfluenceInput {
  input: { variables: string[]; matrix: number[][] };
  unmeasured: { from: string; to: string }[];
  rule: string;
  sparsity: Sparsity;
}

export interface Sparsity {
  variables: number;
  /** variables with a nonzero influence in their row or column */
  linked: number;
  /** nonzero off-diagonal cells */
  links: number;
  tooSparse: boolean;
  rule: string;
}

/**
 * MICMAC ranks variables by how influence travels through the matrix (its powers); a variable with
 * no link at all sits at 0 in every power, and with most variables like that the ranking of the few
 * linked ones (and a "hidden influencer" among them) is an artefact of the zeros. Too sparse to rank:
 * fewer than half of the variables, or fewer than 3, take part in a link.
 */
export function sparsity(matrix: readonly (readonly number[])[]): Sparsity {
  const n = matrix.length;
  const linked = new Set<number>();
  let links = 0;
  matrix.forEach((row, i) =>
    row.forEach((v, j) => {
      if (i !== j && v !== 0) {
        links++;
        linked.add(i);
        linked.add(j);
      }
    }),
  );
  const needed = Math.max(3, Math.ceil(n / 2));
  return {
    variables: n,
    linked: linked.size,
    links,
    tooSparse: linked.size < needed,
    rule: `MICMAC ranks only when at least half of the touchpoints and at least 3 (here ${needed} of ${n}) have a nonzero influence in or out`,
  };
}

export function toInfluenceMatrix(result: CrossImpactMatrix, options: InfluenceOptions = {}): InfluenceInput {
  const measure = options.measure ?? 'risk-difference';
  const variables = result.touchpoints.map((t) => t.id);
  const index = new Map(variables.map((id, i) => [id, i]));
  const matrix = variables.map(() => variables.map(() => 0));
  const unmeasured: InfluenceInput['unmeasured'] = [];
  for (const p of result.pairs) {
    if (p.status !== 'ok') {
      unmeasured.push({ from: p.from, to: p.to });
      continue;
    }
    if (!p.significant && !options.includeNonSignificant) continue;
    const value = measure === 'lift' ? (p.lift ? p.lift.estimate - 1 : 0) : p.riskDifference!.estimate;
    if (value > 0) matrix[index.get(p.from)!]![index.get(p.to)!] = value;
  }
  if (options.scale === '0-3') {
    const max = Math.max(0, ...matrix.flat());
    for (const row of matrix) {
      row.forEach((v, j) => (row[j] = v > 0 ? Math.min(3, Math.ceil((3 * v) / max)) : 0));
    }
  }
  const kept = options.includeNonSignificant ? 'positive' : 'positive and significant';
  return {
    input: { variables, matrix },
    sparsity: sparsity(matrix),
    unmeasured,
    rule: `${measure === 'lift' ? 'lift - 1' : 'risk difference'} where ${kept}, else 0${options.scale === '0-3' ? '; scaled to 0-3 by thirds of the largest value' : ''}; pairs without enough data are 0 and listed in unmeasured`,
  };
}
