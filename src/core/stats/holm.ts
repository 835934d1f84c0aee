/**
 * Holm's step-down adjustment of p-values for multiple tests (Holm 1979). A report that runs
 * dozens of tests at once (every touchpoint against every outcome) would otherwise call about one
 * in twenty null effects significant; Holm controls the family-wise error rate at alpha, like
 * Bonferroni, while rejecting at least as much.
 *
 * adjusted p_(i) = max over j <= i of min(1, (m - j + 1) p_(j)), with p sorted ascending and m the
 * number of tests. Nulls (tests that could not be run) are passed through and do not count in m.
 */
export function holmAdjust(pValues: readonly (number | null)[]): (number | null)[] {
  const order = pValues
    .map((p, index) => ({ p, index }))
    .filter((entry): entry is { p: number; index: number } => entry.p !== null)
    .sort((a, b) => a.p - b.p || a.index - b.index);
  for (const { p } of order) {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`a p-value must lie in [0, 1], got ${p}`);
  }
  const adjusted: (number | null)[] = pValues.map(() => null);
  const m = order.length;
  let running = 0;
  order.forEach(({ p, index }, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p));
    adjusted[index] = running;
  });
  return adjusted;
}
