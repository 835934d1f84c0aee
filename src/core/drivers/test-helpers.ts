/** Shared by the driver tests: tolerant comparisons, seeded data and brute-force references. */
import assert from 'node:assert/strict';
import { accumulateListwise, correlationMatrix } from './correlation.ts';
import type { CorrelationSystem } from './r-squared.ts';
import { subsetR2 } from './r-squared.ts';

export function close(actual: number, expected: number, tolerance: number, label = ''): void {
  assert.ok(Number.isFinite(actual), `${label} is not finite: ${actual}`);
  assert.ok(
    Math.abs(actual - expected) <= tolerance,
    `${label}: expected ${expected}, got ${actual} (difference ${actual - expected}, tolerance ${tolerance})`,
  );
}

export function closeAll(
  actual: ArrayLike<number>,
  expected: readonly number[],
  tolerance: number,
  label = '',
): void {
  assert.equal(actual.length, expected.length, `${label}: length`);
  for (let i = 0; i < expected.length; i++) close(actual[i]!, expected[i]!, tolerance, `${label}[${i}]`);
}

export const sum = (xs: ArrayLike<number>): number => Array.from(xs).reduce((a, b) => a + b, 0);

/** Mulberry32: a tiny seeded generator so random tests are reproducible. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal draws by Box-Muller. */
export function normal(random: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** The correlation system of [y, ...xs] (no missing values). */
export function systemOf(y: ArrayLike<number>, xs: readonly ArrayLike<number>[]): CorrelationSystem {
  const { moments } = accumulateListwise([y, ...xs].map((values) => ({ values })));
  const k = xs.length + 1;
  const corr = correlationMatrix(
    moments,
    Array.from({ length: k }, (_, i) => i),
  );
  const p = xs.length;
  const rxx = new Float64Array(p * p);
  const rxy = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    rxy[i] = corr[(i + 1) * k]!;
    for (let j = 0; j < p; j++) rxx[i * p + j] = corr[(i + 1) * k + j + 1]!;
  }
  return { p, rxx, rxy };
}

/** Correlated random data with a planted linear effect: y = Σ coef_j x_j + noise. */
export function plantedData(
  seed: number,
  rows: number,
  coef: readonly number[],
  correlation = 0.4,
  noise = 1,
): { y: Float64Array; xs: Float64Array[] } {
  const z = normal(rng(seed));
  const xs = coef.map(() => new Float64Array(rows));
  const y = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    const common = z();
    let v = 0;
    coef.forEach((c, j) => {
      const x = Math.sqrt(correlation) * common + Math.sqrt(1 - correlation) * z();
      xs[j]![r] = x;
      v += c * x;
    });
    y[r] = v + noise * z();
  }
  return { y, xs };
}

/**
 * LMG by definition: the average over all p! orders of each driver's R² gain when it enters. Only
 * for small p; the production code never enumerates orders.
 */
export function lmgByPermutations(system: CorrelationSystem): number[] {
  const { p } = system;
  const totals = new Array<number>(p).fill(0);
  let orders = 0;
  const cache = new Map<number, number>();
  const r2 = (mask: number): number => {
    let v = cache.get(mask);
    if (v === undefined) {
      const subset: number[] = [];
      for (let j = 0; j < p; j++) if (mask & (1 << j)) subset.push(j);
      v = subsetR2(system, subset);
      cache.set(mask, v);
    }
    return v;
  };
  const permute = (order: number[], remaining: number[]): void => {
    if (remaining.length === 0) {
      orders++;
      let mask = 0;
      for (const j of order) {
        const before = r2(mask);
        mask |= 1 << j;
        totals[j]! += r2(mask) - before;
      }
      return;
    }
    for (let i = 0; i < remaining.length; i++) {
      permute([...order, remaining[i]!], [...remaining.slice(0, i), ...remaining.slice(i + 1)]);
    }
  };
  permute(
    [],
    Array.from({ length: p }, (_, j) => j),
  );
  return totals.map((t) => t / orders);
}
