/**
 * Relative tolerance under which two scores count as tied. Renormalised powers carry rounding noise
 * in the last bits; without a tolerance, equal scores would swap places from one power to the next
 * and a settled ranking would never be reported as settled.
 */
export const TIE_TOLERANCE = 1e-9;

/**
 * Competition ranks, largest score first ("1224"): tied scores share the best rank, so two rankings
 * compare equal exactly when they order the variables the same way with the same ties.
 */
export function competitionRanks(scores: ArrayLike<number>): Int32Array {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[b]! - scores[a]! || a - b);
  let scale = 0;
  for (let i = 0; i < n; i++) scale = Math.max(scale, Math.abs(scores[i]!));
  const tolerance = scale * TIE_TOLERANCE;
  const ranks = new Int32Array(n);
  order.forEach((index, position) => {
    const previous = order[position - 1];
    const tied = previous !== undefined && scores[previous]! - scores[index]! <= tolerance;
    ranks[index] = tied ? ranks[previous]! : position + 1;
  });
  return ranks;
}

export function sameRanks(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
