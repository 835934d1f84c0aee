/**
 * The units people read a score in: NPS in points from -100 to 100 (% promoters minus % detractors),
 * CSAT as the top-2-box percentage, CES and other ratings as the mean on their own scale. The driver
 * model works in mean answer points; these functions carry a change of the mean into those units and
 * back, through the answers' own distribution.
 *
 * A shift of d points moves every answer up by d. A fractional shift moves a share of the answers to
 * the next whole point (d = 2.3: all up by 2, 30 % of them by 3), so the measure changes smoothly
 * with d instead of in steps; answers stay inside the scale. This is the one assumption the
 * conversion adds: the change falls on all answers alike.
 */
import type { ScoreCount } from './change.ts';

export type Measure = 'nps' | 'top-2-box' | 'mean';

export interface MeasureInfo {
  measure: Measure;
  /** What a number in this measure is, for the answer and the screens. */
  unit: string;
}

export function measureOf(metric: string, scale: { min: number; max: number }): MeasureInfo {
  if (metric === 'nps') return { measure: 'nps', unit: 'NPS points (-100 to 100)' };
  if (metric === 'csat' && scale.max - scale.min >= 2)
    return {
      measure: 'top-2-box',
      unit: `percentage points of top-2-box answers (${scale.max - 1}-${scale.max})`,
    };
  return { measure: 'mean', unit: `points on the ${scale.min}-${scale.max} scale` };
}

/** The answers after a shift of d points, as (score, weight) pairs; weights sum to the answers. */
export function shiftAnswers(
  answers: readonly ScoreCount[],
  d: number,
  scale: { min: number; max: number },
): ScoreCount[] {
  const whole = Math.floor(d);
  const part = d - whole;
  const clamp = (x: number) => Math.min(scale.max, Math.max(scale.min, x));
  const out: ScoreCount[] = [];
  for (const { score, count } of answers) {
    out.push({ score: clamp(score + whole), count: count * (1 - part) });
    if (part > 0) out.push({ score: clamp(score + whole + 1), count: count * part });
  }
  return out;
}

/** The measure of a set of answers (NPS points, top-2-box %, or the mean); null without answers. */
export function measure(
  answers: readonly ScoreCount[],
  m: Measure,
  scale: { min: number; max: number },
): number | null {
  let n = 0;
  let sum = 0;
  for (const { score, count } of answers) {
    n += count;
    if (m === 'nps') sum += score >= 9 ? count : score <= 6 ? -count : 0;
    else if (m === 'top-2-box') sum += score >= scale.max - 1 ? count : 0;
    else sum += score * count;
  }
  if (n === 0) return null;
  return m === 'mean' ? sum / n : (100 * sum) / n;
}

/** g(d): the change of the measure when every answer moves by d mean points. Non-decreasing in d. */
export function measureChange(
  answers: readonly ScoreCount[],
  d: number,
  m: Measure,
  scale: { min: number; max: number },
): number {
  const before = measure(answers, m, scale) ?? 0;
  return (measure(shiftAnswers(answers, d, scale), m, scale) ?? 0) - before;
}

/**
 * The shift d whose measure change is `target` (bisection: g is non-decreasing); null when the
 * target lies beyond what moving every answer to the top (or bottom) of the scale can reach.
 */
export function shiftFor(
  answers: readonly ScoreCount[],
  target: number,
  m: Measure,
  scale: { min: number; max: number },
): number | null {
  const span = scale.max - scale.min;
  const lo0 = measureChange(answers, -span, m, scale);
  const hi0 = measureChange(answers, span, m, scale);
  if (target < lo0 - 1e-9 || target > hi0 + 1e-9) return null;
  let lo = -span;
  let hi = span;
  for (let i = 0; i < 200 && hi - lo > 1e-10; i++) {
    const mid = (lo + hi) / 2;
    if (measureChange(answers, mid, m, scale) < target) lo = mid;
    else hi = mid;
  }
  // The smallest shift that reaches the target: a flat stretch of g is not crossed needlessly.
  return hi;
}

/** The range a lift in this measure can take on these answers, for the message when it cannot. */
export function liftRange(
  answers: readonly ScoreCount[],
  m: Measure,
  scale: { min: number; max: number },
): [number, number] {
  const span = scale.max - scale.min;
  return [measureChange(answers, -span, m, scale), measureChange(answers, span, m, scale)];
}
