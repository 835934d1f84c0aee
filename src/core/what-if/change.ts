/**
 * What "lift touchpoint X by d points" does to X, read off X's score distribution: every response
 * moves up by d (down for a negative d), held inside the scale, so responses already near the top
 * gain less than d; the bad share falls by the responses that move above the bad threshold.
 */
export interface ScoreCount {
  score: number;
  count: number;
}

export interface LiftEffect {
  /** Mean change of the score, in points of its own scale. */
  deltaScore: number;
  badShareBefore: number;
  badShareAfter: number;
  /** badShareAfter - badShareBefore (negative when bad experiences are avoided). */
  deltaBad: number;
  responses: number;
}

export function liftEffect(
  distribution: readonly ScoreCount[],
  points: number,
  scale: { min: number; max: number },
  isBad: (score: number) => boolean,
): LiftEffect | null {
  let n = 0;
  let moved = 0;
  let before = 0;
  let after = 0;
  for (const { score, count } of distribution) {
    const shifted = Math.min(scale.max, Math.max(scale.min, score + points));
    n += count;
    moved += count * (shifted - score);
    if (isBad(score)) before += count;
    if (isBad(shifted)) after += count;
  }
  if (n === 0) return null;
  return {
    deltaScore: moved / n,
    badShareBefore: before / n,
    badShareAfter: after / n,
    deltaBad: (after - before) / n,
    responses: n,
  };
}
