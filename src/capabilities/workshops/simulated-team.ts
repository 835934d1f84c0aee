// A simulated workshop team for the tests (not used by production code): participants with planted
// beliefs about the demo shop's touchpoints, some right, some noisy, one judging at random.
import { createRandom } from '../../core/demo/random.ts';
import type { Judgement } from '../../core/workshops/aggregate.ts';

/** The touchpoints the simulated workshop judges: well measured in the demo data, and the planted late-delivery pair. */
export const TEAM_TOUCHPOINTS = [
  'product-pages',
  'checkout',
  'payment',
  'shipping-updates',
  'delivery',
  'unboxing',
];

const key = (from: string, to: string) => `${from}>${to}`;

/**
 * What the team believes, pair by pair (0-3), against what the demo generator planted
 * (src/core/demo/effects.ts): the only touchpoint-to-touchpoint effect is late delivery, which makes
 * both the delivery and its delay notice bad; every other pair is independent by construction.
 */
export const PLANTED = {
  /** Believed strong, planted null, and the data measures these pairs tightly: must be flagged. */
  wrong: [key('delivery', 'payment'), key('delivery', 'product-pages')],
  /** Believed strong, planted null, but too few customers to rule it out: must NOT be flagged. */
  wrongUntestable: [key('unboxing', 'checkout')],
  /** Planted strong, believed absent by the whole team: must be flagged. */
  unseen: [key('shipping-updates', 'delivery')],
  /** Planted strong and believed strong: correct. */
  rightStrong: [key('delivery', 'shipping-updates')],
};

export function belief(from: string, to: string): number {
  const k = key(from, to);
  if (PLANTED.wrong.includes(k) || PLANTED.wrongUntestable.includes(k) || PLANTED.rightStrong.includes(k))
    return 3;
  return 0;
}

/** Whether the team's planted belief about the pair is right (the pairs a flag would be false on). */
export function beliefIsRight(from: string, to: string): boolean {
  const k = key(from, to);
  return !PLANTED.wrong.includes(k) && !PLANTED.wrongUntestable.includes(k) && !PLANTED.unseen.includes(k);
}

export type Style = 'right' | 'noisy' | 'random';

/** Seat styles for a seed: three right, one noisy (+-1), one at random; which seat is which rotates. */
export function styles(seed: number, seats = 5): Style[] {
  const out: Style[] = Array.from({ length: seats }, () => 'right');
  out[seed % seats] = 'noisy';
  out[(seed + 2) % seats] = 'random';
  return out;
}

/**
 * One participant's answer to a cell. Right: their belief, a step weaker one time in five;
 * noisy: the belief moved by -1, 0 or +1; random: any value of the scale. Anyone says "don't know"
 * one time in twenty.
 */
export function answer(
  style: Style,
  planted: number,
  rng: ReturnType<typeof createRandom>,
  max = 3,
): number | null {
  if (rng.chance(0.05)) return null;
  if (style === 'random') return rng.int(0, max);
  const base = rng.chance(0.2) ? (planted === 0 ? 1 : planted - 1) : planted;
  if (style === 'right') return base;
  return Math.max(0, Math.min(max, base + rng.int(-1, 1)));
}

/** The whole team's influence judgements on their assigned pairs. */
export function teamJudgements(
  seed: number,
  pairs: readonly { from: string; to: string }[],
  seats: readonly (readonly number[])[],
): (Judgement & { seat: number })[] {
  const rng = createRandom(21, seed);
  const style = styles(seed, seats.length);
  const out: (Judgement & { seat: number })[] = [];
  seats.forEach((list, seat) => {
    for (const p of list) {
      const pair = pairs[p]!;
      out.push({
        seat,
        participant: `P${seat + 1}`,
        kind: 'influence',
        from: pair.from,
        to: pair.to,
        value: answer(style[seat]!, belief(pair.from, pair.to), rng),
      });
    }
  });
  return out;
}
