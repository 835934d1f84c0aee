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
    unmeasured,
    rule: `${measure === 'lift' ? 'lift - 1' : 'risk difference'} where ${kept}, else 0${options.scale === '0-3' ? '; scaled to 0-3 by thirds of the largest value' : ''}; pairs without enough data are 0 and listed in unmeasured`,
  };
}
