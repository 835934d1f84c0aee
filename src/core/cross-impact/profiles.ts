/**
 * Customers as bit masks, and the counts every effect is computed from.
 *
 * Each customer is one profile: which touchpoints they have an experience at (`observed`) and which
 * of those experiences were bad (`bad`). A touchpoint is one bit; 30 bits go in a word, so words stay
 * positive 32-bit integers in SQL and in JavaScript alike. Identical profiles are merged (with a
 * weight) by the database before they reach here, so real data arrives much reduced.
 *
 * All pair counts follow from three co-occurrence matrices: OO (observed at i and j), BO (bad at i,
 * observed at j) and BB (bad at both). For the ordered pair i -> j among customers with experiences
 * at both: exposed = BO[i][j] with BB[i][j] bad at j; unexposed = OO[i][j] - BO[i][j] with
 * BO[j][i] - BB[i][j] bad at j. Outcome counts are per touchpoint and need no pairing: the caller
 * fills `outcomes` (the database sums them directly).
 */

export const BITS_PER_WORD = 30;

export const wordsFor = (touchpoints: number): number => Math.max(1, Math.ceil(touchpoints / BITS_PER_WORD));

export interface SignalProfiles {
  touchpoints: number;
  words: number;
  count: number;
  /** Customers sharing each profile. */
  weight: Float64Array;
  /** count * words masks. */
  observed: Int32Array;
  bad: Int32Array;
}

export interface SignalCounts {
  touchpoints: number;
  customers: number;
  /** Customers with a signal (and with a bad one) at each touchpoint. */
  observed: Float64Array;
  bad: Float64Array;
  /** T x T row-major co-occurrence counts (see the file comment). */
  oo: Float64Array;
  bo: Float64Array;
  bb: Float64Array;
  /** Per outcome, T x 2 (bad, good): customers measured and customers with the outcome. */
  outcomes: OutcomeCounts[];
}

export interface OutcomeCounts {
  base: Float64Array;
  hit: Float64Array;
}

/**
 * Adds every profile's pairs into the three matrices: k^2 work for a profile with k signals, which for
 * typical journeys (a handful of signals each) is far below the T^2 per customer of a dense pass.
 */
export function countProfiles(p: SignalProfiles): SignalCounts {
  const T = p.touchpoints;
  const W = p.words;
  if (W !== wordsFor(T)) throw new RangeError(`${T} touchpoints need ${wordsFor(T)} words, got ${W}`);
  const oo = new Float64Array(T * T);
  const bo = new Float64Array(T * T);
  const bb = new Float64Array(T * T);
  const observed = new Float64Array(T);
  const bad = new Float64Array(T);
  const seen = new Int32Array(T);
  const isBad = new Uint8Array(T);
  let customers = 0;

  for (let r = 0; r < p.count; r++) {
    const w = p.weight[r]!;
    const off = r * W;
    customers += w;
    let k = 0;
    for (let word = 0; word < W; word++) {
      let o = p.observed[off + word]!;
      const b = p.bad[off + word]!;
      while (o !== 0) {
        const bit = 31 - Math.clz32(o & -o);
        o &= o - 1;
        const t = word * BITS_PER_WORD + bit;
        seen[k] = t;
        isBad[k] = (b >>> bit) & 1;
        k++;
      }
    }
    // OO and BB are symmetric: each unordered pair is visited once and written both ways.
    for (let x = 0; x < k; x++) {
      const i = seen[x]!;
      const bi = isBad[x]!;
      observed[i] = observed[i]! + w;
      oo[i * T + i] = oo[i * T + i]! + w;
      if (bi) {
        bad[i] = bad[i]! + w;
        bo[i * T + i] = bo[i * T + i]! + w;
        bb[i * T + i] = bb[i * T + i]! + w;
      }
      for (let y = x + 1; y < k; y++) {
        const j = seen[y]!;
        const ij = i * T + j;
        const ji = j * T + i;
        oo[ij] = oo[ij]! + w;
        oo[ji] = oo[ji]! + w;
        if (bi) bo[ij] = bo[ij]! + w;
        if (isBad[y]) {
          bo[ji] = bo[ji]! + w;
          if (bi) {
            bb[ij] = bb[ij]! + w;
            bb[ji] = bb[ji]! + w;
          }
        }
      }
    }
  }
  return { touchpoints: T, customers, observed, bad, oo, bo, bb, outcomes: [] };
}

/** The 2 x 2 table of the ordered pair i -> j (bad at i as exposure, bad at j as outcome). */
export function pairTable(c: SignalCounts, i: number, j: number) {
  const T = c.touchpoints;
  const n1 = c.bo[i * T + j]!;
  const a = c.bb[i * T + j]!;
  return { a, n1, c: c.bo[j * T + i]! - a, n0: c.oo[i * T + j]! - n1 };
}

/** The 2 x 2 table of touchpoint i against outcome m. */
export function outcomeTable(c: SignalCounts, m: number, i: number) {
  const o = c.outcomes[m]!;
  return { a: o.hit[i * 2]!, n1: o.base[i * 2]!, c: o.hit[i * 2 + 1]!, n0: o.base[i * 2 + 1]! };
}

/** An empty outcome table for T touchpoints: cell i * 2 is the bad, i * 2 + 1 the good experience. */
export const emptyOutcome = (touchpoints: number): OutcomeCounts => ({
  base: new Float64Array(touchpoints * 2),
  hit: new Float64Array(touchpoints * 2),
});

/**
 * Counts from plain per-customer experiences (tests, and in-memory sources such as a CSV export):
 * touchpoint indices observed, those that were bad, and per outcome the touchpoints after which it
 * was measured (`base`) and happened (`hit`).
 */
export function countCustomers(
  touchpoints: number,
  customers: readonly {
    observed: readonly number[];
    bad: readonly number[];
    outcomes?: readonly { base: readonly number[]; hit: readonly number[] }[];
  }[],
  outcomeCount = 0,
): SignalCounts {
  const W = wordsFor(touchpoints);
  const count = customers.length;
  const p: SignalProfiles = {
    touchpoints,
    words: W,
    count,
    weight: new Float64Array(count).fill(1),
    observed: new Int32Array(count * W),
    bad: new Int32Array(count * W),
  };
  const check = (t: number) => {
    if (!(Number.isInteger(t) && t >= 0 && t < touchpoints))
      throw new RangeError(`touchpoint ${t} is outside 0..${touchpoints - 1}`);
    return t;
  };
  const set = (into: Int32Array, r: number, ts: readonly number[]) => {
    for (const t of ts.map(check)) {
      const at = r * W + Math.floor(t / BITS_PER_WORD);
      into[at] = into[at]! | (1 << (t % BITS_PER_WORD));
    }
  };
  customers.forEach((cust, r) => {
    set(p.observed, r, cust.observed);
    set(p.bad, r, cust.bad);
  });
  const counts = countProfiles(p);
  counts.outcomes = Array.from({ length: outcomeCount }, () => emptyOutcome(touchpoints));
  customers.forEach((cust) => {
    const bad = new Set(cust.bad);
    cust.outcomes?.forEach((o, m) => {
      const out = counts.outcomes[m]!;
      for (const t of o.base.map(check)) out.base[t * 2 + (bad.has(t) ? 0 : 1)]! += 1;
      for (const t of o.hit.map(check)) out.hit[t * 2 + (bad.has(t) ? 0 : 1)]! += 1;
    });
  });
  return counts;
}
