/**
 * A judged influence matrix as a cross-impact balance (CIB) input. Each touchpoint is a descriptor
 * with two variants, a good and a bad experience; a judged influence v of A on B (rounded to a whole
 * number, since CIB judgements are integers) says that a bad experience at A promotes a bad one at
 * B by v and a good one at A a good one at B by v, each holding back the other variant by as much.
 * CIB then lists the combinations of good and bad experiences that are consistent with the team's
 * judgements: which touchpoints, in the team's view, rise and fall together.
 */
export function cibFromInfluence(variables: readonly string[], matrix: readonly (readonly number[])[]) {
  const n = variables.length;
  const size = 2 * n;
  const cells = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const v = Math.round(matrix[i]![j]!);
      // variant 0 = good, 1 = bad
      cells[2 * i]![2 * j] = v;
      cells[2 * i]![2 * j + 1] = -v;
      cells[2 * i + 1]![2 * j + 1] = v;
      cells[2 * i + 1]![2 * j] = -v;
    }
  return {
    descriptors: variables.map((id) => ({ id, variants: [`${id}: good`, `${id}: bad`] })),
    matrix: cells,
  };
}
