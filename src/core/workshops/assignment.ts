/**
 * Which influence pairs each participant judges. A full matrix of n touchpoints has n(n-1) ordered
 * pairs (650 for 26 touchpoints): nobody judges that in a workshop. Each pair goes to `coverage`
 * participants, the load is spread so that nobody has more than one pair more than anybody else, and
 * pairs between touchpoints of the same or adjacent stages come first: those are the influences a
 * team knows best, so a session cut short still has its most informed cells covered.
 */

export interface AssignableTouchpoint {
  id: string;
  /** Position of the touchpoint's stage in the journey (0 = first stage). */
  stage: number;
}

export interface Pair {
  from: string;
  to: string;
}

export interface Assignment {
  /** Every ordered pair, in the order participants meet them (nearest stages first). */
  pairs: Pair[];
  /** Per seat, the indices into `pairs` it judges, in that order. */
  seats: number[][];
}

/** Every ordered pair, nearest stages first, then in journey order (stable, so a link always shows the same list). */
export function orderedPairs(touchpoints: readonly AssignableTouchpoint[]): Pair[] {
  const out: { pair: Pair; distance: number; i: number; j: number }[] = [];
  touchpoints.forEach((a, i) =>
    touchpoints.forEach((b, j) => {
      if (i !== j) out.push({ pair: { from: a.id, to: b.id }, distance: Math.abs(a.stage - b.stage), i, j });
    }),
  );
  out.sort((x, y) => x.distance - y.distance || x.i - y.i || x.j - y.j);
  return out.map((o) => o.pair);
}

/**
 * Greedy least-loaded assignment: each pair, in order, goes to the `coverage` seats with the fewest
 * pairs so far (lowest seat first among equals). Since every pair adds one to `coverage` distinct
 * seats and the least loaded are always chosen, loads never differ by more than one.
 */
export function assignPairs(
  touchpoints: readonly AssignableTouchpoint[],
  seats: number,
  coverage: number,
): Assignment {
  if (!Number.isInteger(seats) || seats < 1)
    throw new RangeError(`seats must be a whole number >= 1, got ${seats}`);
  if (!Number.isInteger(coverage) || coverage < 1 || coverage > seats)
    throw new RangeError(`coverage must be between 1 and seats (${seats}), got ${coverage}`);
  const pairs = orderedPairs(touchpoints);
  const load = new Array<number>(seats).fill(0);
  const lists: number[][] = Array.from({ length: seats }, () => []);
  pairs.forEach((_, p) => {
    const chosen = load
      .map((l, s) => ({ l, s }))
      .sort((a, b) => a.l - b.l || a.s - b.s)
      .slice(0, coverage);
    for (const { s } of chosen) {
      lists[s]!.push(p);
      load[s]!++;
    }
  });
  return { pairs, seats: lists };
}
