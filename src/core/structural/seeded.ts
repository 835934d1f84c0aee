import type { CibMatrix } from './cib-input.ts';

/** mulberry32: a tiny seeded generator, so tests and benchmarks rebuild the same matrices every run. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A judgement matrix shaped like a workshop's: integers in -scale..scale, a share of cells left at 0,
 * and a descriptor's block on itself empty, as CIB practice leaves it.
 */
export function randomCibMatrix(
  seed: number,
  variantCounts: readonly number[],
  density = 0.6,
  scale = 3,
): CibMatrix {
  const random = seededRandom(seed);
  const descriptors = variantCounts.map((k, i) => ({
    id: `D${i + 1}`,
    variants: Array.from({ length: k }, (_, j) => `D${i + 1}.${j + 1}`),
  }));
  const variants = descriptors.flatMap((d) => d.variants);
  const offsets = new Int32Array(variantCounts.length);
  const counts = Int32Array.from(variantCounts);
  for (let i = 1; i < counts.length; i++) offsets[i] = offsets[i - 1]! + counts[i - 1]!;
  const size = variants.length;
  const owner = descriptors.flatMap((d, i) => d.variants.map(() => i));
  const values = new Int32Array(size * size);
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      if (owner[r] === owner[c] || random() >= density) continue;
      values[r * size + c] = Math.floor(random() * (2 * scale + 1)) - scale;
    }
  }
  return { descriptors, variants, offsets, counts, values, scale };
}

/** A non-negative influence matrix of 0..3 scores with a zero diagonal, for MICMAC and DEMATEL. */
export function randomInfluenceValues(seed: number, n: number, density = 0.5): Float64Array {
  const random = seededRandom(seed);
  const values = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++)
      if (i !== j && random() < density) values[i * n + j] = 1 + Math.floor(random() * 3);
  }
  return values;
}
