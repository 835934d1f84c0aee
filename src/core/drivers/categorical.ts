/**
 * Dummy coding of categorical drivers: one 0/1 column per level except the reference, all missing
 * where the level is missing, so listwise deletion treats the column as one. The dummies form one
 * regressor group, the unit of the Shapley decomposition.
 */
import type { CategoricalColumn, DriverColumn, RegressorGroup } from './types.ts';

export interface DummyCoding {
  group: RegressorGroup;
  columns: DriverColumn[];
  /** Rows with a level (not missing), per level. */
  counts: number[];
}

/** The regressor name of a level's dummy: the column and the level, as people read them. */
export const dummyName = (column: string, level: string): string => `${column}=${level}`;

function levelCounts(c: CategoricalColumn): number[] {
  const counts = new Array<number>(c.levels.length).fill(0);
  for (let r = 0; r < c.codes.length; r++) {
    const code = c.codes[r]!;
    if (code === code && code >= 0 && code < counts.length) counts[code]!++;
  }
  return counts;
}

/**
 * Levels that never occur get no dummy (they would be constant 0). The reference is the one asked
 * for or else the most frequent level, the usual choice because its contrasts have the smallest
 * standard errors; the group's importance does not depend on it.
 */
export function dummyCode(c: CategoricalColumn): DummyCoding | { error: string } {
  const counts = levelCounts(c);
  const present = c.levels.map((_, i) => i).filter((i) => counts[i]! > 0);
  if (c.reference !== undefined && !c.levels.includes(c.reference)) {
    return { error: `"${c.name}" has no level "${c.reference}" to use as the reference` };
  }
  if (present.length < 2) {
    return {
      error:
        present.length === 0
          ? `"${c.name}" has no usable value in any row`
          : `"${c.name}" takes the single level "${c.levels[present[0]!]}": it cannot explain any variance`,
    };
  }
  const reference =
    c.reference !== undefined
      ? c.levels.indexOf(c.reference)
      : present.reduce((best, i) => (counts[i]! > counts[best]! ? i : best), present[0]!);
  if (counts[reference] === 0)
    return { error: `"${c.name}" has no row at the reference level "${c.reference}"` };
  const dummies = present.filter((i) => i !== reference);
  const rows = c.codes.length;
  const columns = dummies.map((level): DriverColumn => {
    const values = new Float64Array(rows);
    for (let r = 0; r < rows; r++) {
      const code = c.codes[r]!;
      values[r] = code === code ? (code === level ? 1 : 0) : NaN;
    }
    return { name: dummyName(c.name, c.levels[level]!), values };
  });
  return {
    group: {
      name: c.name,
      kind: 'categorical',
      members: columns.map((d) => d.name),
      levels: dummies.map((i) => c.levels[i]!),
      reference: c.levels[reference]!,
    },
    columns,
    counts,
  };
}
