import type { CibMatrix } from './cib-input.ts';
import type { FoundScenario } from './cib.ts';

export interface CibSearchOptions {
  /** List scenarios whose inconsistency is at most this (0: the consistent ones). */
  maxInconsistency?: number;
  /** At most this many scenarios are kept, the least inconsistent first; the counts stay exact. */
  limit?: number;
  /** Give up after visiting this many partial scenarios, so a weakly constrained matrix cannot hang a caller. */
  maxNodes?: number;
  /** Off only to measure what the bound buys: the same search then visits every scenario. */
  prune?: boolean;
}

export const DEFAULT_LIMIT = 100_000;
export const DEFAULT_MAX_NODES = 5e9;

export interface CibSearchResult {
  /** Scenarios with inconsistency 0. */
  consistentCount: number;
  /** Scenarios with inconsistency <= maxInconsistency. */
  matchCount: number;
  /** The kept scenarios: by inconsistency, then in descriptor-variant order. */
  found: FoundScenario[];
  truncated: boolean;
  /** False when maxNodes stopped the search: the counts and list are then incomplete. */
  complete: boolean;
  nodes: number;
}

/**
 * pairBound[t][j][c][w] = the most that descriptors t.. can still add to balance(c) - balance(w),
 * c and w two variants of the same descriptor j: the sum over each remaining descriptor of its best
 * row for that difference. Using one row for both variants (rather than a separate best for each)
 * is what makes the bound tight enough to cut most of the tree.
 */
function pairBounds(matrix: CibMatrix): { bounds: Int32Array; pairBase: Int32Array; pairs: number } {
  const { counts, offsets, values } = matrix;
  const size = matrix.variants.length;
  const d = counts.length;
  const pairBase = new Int32Array(d);
  let pairs = 0;
  for (let j = 0; j < d; j++) {
    pairBase[j] = pairs;
    pairs += counts[j]! * counts[j]!;
  }
  const bounds = new Int32Array((d + 1) * pairs);
  for (let t = d - 1; t >= 0; t--) {
    for (let j = 0; j < d; j++) {
      const k = counts[j]!;
      for (let a = 0; a < k; a++) {
        for (let b = 0; b < k; b++) {
          const c = offsets[j]! + a;
          const w = offsets[j]! + b;
          let best = -Infinity;
          for (let u = offsets[t]!; u < offsets[t]! + counts[t]!; u++) {
            best = Math.max(best, values[u * size + c]! - values[u * size + w]!);
          }
          const p = pairBase[j]! + a * k + b;
          bounds[t * pairs + p] = bounds[(t + 1) * pairs + p]! + best;
        }
      }
    }
  }
  return { bounds, pairBase, pairs };
}

/** Keeps the `limit` least inconsistent scenarios seen so far, earliest first within a level. */
class Kept {
  private readonly levels: FoundScenario[][] = [];
  private size = 0;
  truncated = false;
  constructor(private readonly limit: number) {}

  add(found: FoundScenario): void {
    if (this.size < this.limit) {
      (this.levels[found.inconsistency] ??= []).push(found);
      this.size++;
      return;
    }
    this.truncated = true;
    let worst = this.levels.length - 1;
    while (worst >= 0 && !this.levels[worst]?.length) worst--;
    if (worst <= found.inconsistency) return;
    this.levels[worst]!.pop();
    (this.levels[found.inconsistency] ??= []).push(found);
  }

  list(): FoundScenario[] {
    return this.levels.flatMap((level) => level ?? []);
  }
}

/**
 * Every scenario within the given inconsistency, found exactly by a depth-first search over the
 * descriptors. Balances are carried down the tree (one row added per level), and a branch is cut
 * as soon as some already-chosen variant can no longer come within maxInconsistency of the best
 * variant of its descriptor whatever the remaining descriptors choose. The bound never cuts a
 * scenario that qualifies, so the result equals brute force.
 */
export function searchScenarios(matrix: CibMatrix, options: CibSearchOptions = {}): CibSearchResult {
  const slack = Math.floor(options.maxInconsistency ?? 0);
  const maxNodes = options.maxNodes ?? DEFAULT_MAX_NODES;
  const prune = options.prune ?? true;
  const kept = new Kept(options.limit ?? DEFAULT_LIMIT);
  const { counts, offsets, values } = matrix;
  const size = matrix.variants.length;
  const d = counts.length;
  const { bounds, pairBase, pairs } = pairBounds(matrix);
  const balances = new Int32Array((d + 1) * size);
  const chosen = new Int32Array(d);
  let nodes = 0;
  let consistentCount = 0;
  let matchCount = 0;
  let complete = true;

  const feasible = (t: number): boolean => {
    const base = t * size;
    const boundBase = t * pairs;
    for (let j = 0; j < t; j++) {
      const k = counts[j]!;
      const first = offsets[j]!;
      const a = chosen[j]!;
      const mine = balances[base + first + a]!;
      const row = boundBase + pairBase[j]! + a * k;
      for (let b = 0; b < k; b++) {
        if (b !== a && mine - balances[base + first + b]! + bounds[row + b]! < -slack) return false;
      }
    }
    return true;
  };

  const leaf = (): void => {
    const base = d * size;
    let inconsistency = 0;
    let total = 0;
    for (let j = 0; j < d; j++) {
      const first = offsets[j]!;
      const mine = balances[base + first + chosen[j]!]!;
      total += mine;
      for (let b = 0; b < counts[j]!; b++)
        inconsistency = Math.max(inconsistency, balances[base + first + b]! - mine);
    }
    if (inconsistency > slack) return;
    matchCount++;
    if (inconsistency === 0) consistentCount++;
    kept.add({ scenario: chosen.slice(), inconsistency, totalImpactScore: total });
  };

  const visit = (t: number): void => {
    if (++nodes > maxNodes) {
      complete = false;
      return;
    }
    if (t === d) return leaf();
    if (prune && !feasible(t)) return;
    const from = t * size;
    const to = from + size;
    for (let a = 0; a < counts[t]! && complete; a++) {
      chosen[t] = a;
      const row = (offsets[t]! + a) * size;
      for (let x = 0; x < size; x++) balances[to + x] = balances[from + x]! + values[row + x]!;
      visit(t + 1);
    }
  };

  visit(0);
  return { consistentCount, matchCount, found: kept.list(), truncated: kept.truncated, complete, nodes };
}
