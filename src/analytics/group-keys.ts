import type { GroupValue } from '../core/metrics/aggregate.ts';

/**
 * Row order of every grouped report, the same as the in-memory reference (core/metrics/aggregate.ts)
 * sorts: by period, then by each key in the order asked; nulls last; strings by code unit, which
 * SQL collations would not guarantee across engines.
 */
export function compareGroupValues(a: GroupValue, b: GroupValue): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

export function compareKeyed(
  a: { periodStart: number | null; keys: Record<string, GroupValue> },
  b: { periodStart: number | null; keys: Record<string, GroupValue> },
  order: readonly string[],
): number {
  const byPeriod = compareGroupValues(a.periodStart, b.periodStart);
  if (byPeriod !== 0) return byPeriod;
  for (const key of order) {
    const byKey = compareGroupValues(a.keys[key] ?? null, b.keys[key] ?? null);
    if (byKey !== 0) return byKey;
  }
  return 0;
}
