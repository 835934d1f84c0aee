/**
 * Krippendorff's alpha, the agreement statistic for any number of raters, any scale and missing
 * judgements (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability"). A workshop needs the
 * missing-data part: each participant judges only their share of the pairs, and "don't know" is no
 * judgement. alpha = 1 - D_o / D_e: 1 is perfect agreement, 0 is what raters judging at random
 * (drawing from the pooled judgements) would reach, below 0 is systematic disagreement.
 *
 * The ordinal metric is the default for judgement scales: a 0 against a 3 is a larger disagreement
 * than a 2 against a 3, but the steps need not be equal; the distance between two values counts the
 * judgements that lie between them.
 */

export type AlphaMetric = 'nominal' | 'ordinal' | 'interval';

export interface AlphaResult {
  alpha: number | null;
  metric: AlphaMetric;
  /** Units (cells) with at least two judgements: the only ones alpha can use. */
  units: number;
  /** Pairable judgements: those in such units. */
  values: number;
}

/**
 * `units` holds, per cell, the judgements it got (missing ones left out). Alpha is null when fewer
 * than two cells are pairable or when every pairable judgement is the same value (no expected
 * disagreement: alpha is undefined, not perfect).
 */
export function krippendorffAlpha(
  units: readonly (readonly number[])[],
  metric: AlphaMetric = 'ordinal',
): AlphaResult {
  const pairable = units.filter((u) => u.length >= 2);
  const values = [...new Set(pairable.flat())].sort((a, b) => a - b);
  const index = new Map(values.map((v, i) => [v, i]));
  const V = values.length;
  const total = pairable.reduce((s, u) => s + u.length, 0);
  const empty: AlphaResult = { alpha: null, metric, units: pairable.length, values: total };
  if (pairable.length < 1 || V < 2) return empty;

  // Coincidence matrix: every ordered pair of judgements from different raters in a unit, weighted
  // 1 / (m_u - 1) so that each unit contributes its m_u values once.
  const o = new Float64Array(V * V);
  for (const u of pairable) {
    const w = 1 / (u.length - 1);
    for (let a = 0; a < u.length; a++)
      for (let b = 0; b < u.length; b++) if (a !== b) o[index.get(u[a]!)! * V + index.get(u[b]!)!]! += w;
  }
  const n = new Float64Array(V);
  for (let c = 0; c < V; c++) for (let k = 0; k < V; k++) n[c]! += o[c * V + k]!;
  const N = n.reduce((s, x) => s + x, 0);

  const delta2 = (c: number, k: number): number => {
    if (c === k) return 0;
    if (metric === 'nominal') return 1;
    if (metric === 'interval') return (values[c]! - values[k]!) ** 2;
    const [lo, hi] = c < k ? [c, k] : [k, c];
    let between = 0;
    for (let g = lo; g <= hi; g++) between += n[g]!;
    return (between - (n[lo]! + n[hi]!) / 2) ** 2;
  };
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < V; c++)
    for (let k = 0; k < V; k++) {
      const d = delta2(c, k);
      observed += o[c * V + k]! * d;
      expected += n[c]! * n[k]! * d;
    }
  if (expected === 0) return empty;
  return { ...empty, alpha: 1 - ((N - 1) * observed) / expected };
}
