/**
 * A seeded pseudo-random source. Math.random cannot be seeded, and the demo data must be the same for
 * the same seed on every machine, so analyses can be tested against it.
 */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [min, max). */
  between(min: number, max: number): number;
  /** A whole number from min to max, both included. */
  int(min: number, max: number): number;
  chance(p: number): boolean;
  normal(mean: number, sd: number): number;
  /** Exponentially distributed waiting time with the given mean. */
  exponential(mean: number): number;
  poisson(mean: number): number;
  pick<T>(items: readonly T[]): T;
  /** An index drawn with the given weights (they need not sum to 1). */
  categorical(weights: readonly number[]): number;
  /** A key drawn with the weights its record gives. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K;
}

/** The murmur3 finaliser: spreads every input bit over the whole word, so nearby seeds diverge at once. */
function mix32(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * A generator for one stream of a seed, e.g. `createRandom(seed, STREAM, customerIndex)`. Giving every
 * customer a stream of their own keeps each journey independent of how many others were drawn before.
 */
export function createRandom(...parts: number[]): Random {
  let h = 0x9e3779b9;
  for (const part of parts) h = mix32((h ^ mix32(part >>> 0)) + 0x9e3779b9);
  const words = [1, 2, 3, 4].map((k) => mix32(h + Math.imul(k, 0x9e3779b9)));
  let [a, b, c, d] = words as [number, number, number, number];
  // sfc32: small, fast and passes PractRand far beyond the few million draws a demo needs.
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next(); // the first outputs still echo the seed words

  const categorical = (weights: readonly number[]): number => {
    let total = 0;
    for (const w of weights) total += w;
    let u = next() * total;
    for (let i = 0; i < weights.length; i++) {
      u -= weights[i] ?? 0;
      if (u < 0) return i;
    }
    return weights.length - 1;
  };

  return {
    next,
    between: (min, max) => min + (max - min) * next(),
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    normal(mean, sd) {
      // Box-Muller; 1 - next() keeps the logarithm away from zero.
      const r = Math.sqrt(-2 * Math.log(1 - next()));
      return mean + sd * r * Math.cos(2 * Math.PI * next());
    },
    exponential: (mean) => -mean * Math.log(1 - next()),
    poisson(mean) {
      // Knuth's method: exact, and quick for the small means used here.
      const limit = Math.exp(-mean);
      let k = 0;
      for (let p = next(); p > limit; p *= next()) k++;
      return k;
    },
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
    categorical,
    weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
      const keys = Object.keys(weights) as K[];
      return keys[categorical(keys.map((k) => weights[k]))] as K;
    },
  };
}
