/**
 * Subset R² sums over groups of regressors: the "players" of the Shapley game are groups (a
 * categorical column's dummies enter and leave together), so a group's share does not depend on which
 * level was made the reference. With every group a single driver this is `subsetR2Sums`.
 */
import type { CorrelationSystem, SubsetSums } from './r-squared.ts';

/**
 * Same depth-first walk as `subsetR2Sums`, one step per group instead of per driver: appending a
 * group appends each of its columns to the Cholesky factor in turn (one new row each), so a subset
 * of groups still costs O(columns²) on top of its parent. The returned sums are indexed by group.
 */
export function groupSubsetR2Sums(
  system: CorrelationSystem,
  groups: readonly (readonly number[])[],
): SubsetSums {
  const { p: columns, rxx, rxy } = system;
  const g = groups.length;
  const total = new Float64Array(g + 1);
  const withGroup = new Float64Array((g + 1) * g);
  const l = new Float64Array(columns * columns);
  const z = new Float64Array(columns);
  const chosenColumns = new Int32Array(columns);
  const chosenGroups = new Int32Array(g);
  let subsets = 1;
  let fullR2 = 0;

  /** Appends column j as row `depth` of the factor; returns its squared z term. */
  const append = (depth: number, j: number): number => {
    const row = depth * columns;
    let ll = 0;
    let lz = 0;
    for (let i = 0; i < depth; i++) {
      let s = rxx[chosenColumns[i]! * columns + j]!;
      const rowI = i * columns;
      for (let m = 0; m < i; m++) s -= l[rowI + m]! * l[row + m]!;
      const v = s / l[rowI + i]!;
      l[row + i] = v;
      ll += v * v;
      lz += v * z[i]!;
    }
    // Collinear columns were removed upstream; the floor only guards rounding (see r-squared.ts).
    const d = Math.sqrt(Math.max(1 - ll, 1e-300));
    l[row + depth] = d;
    const zNew = (rxy[j]! - lz) / d;
    z[depth] = zNew;
    chosenColumns[depth] = j;
    return zNew * zNew;
  };

  const visit = (groupDepth: number, columnDepth: number, r2: number, start: number): void => {
    for (let k = start; k < g; k++) {
      let depth = columnDepth;
      let r2k = r2;
      for (const j of groups[k]!) r2k += append(depth++, j);
      chosenGroups[groupDepth] = k;
      const size = groupDepth + 1;
      total[size] = total[size]! + r2k;
      const base = size * g;
      for (let i = 0; i <= groupDepth; i++) {
        const idx = base + chosenGroups[i]!;
        withGroup[idx] = withGroup[idx]! + r2k;
      }
      subsets++;
      if (size === g) fullR2 = r2k;
      if (k + 1 < g) visit(groupDepth + 1, depth, r2k, k + 1);
    }
  };
  visit(0, 0, 0, 0);
  return { p: g, total, withDriver: withGroup, subsets, fullR2 };
}
