/**
 * MICMAC quadrants of the judged and the measured matrix side by side: where the team's picture of
 * the journey's structure (which touchpoints drive, relay, depend or stand apart) differs from the
 * one the data draws.
 */
import type { Quadrant } from '../structural/quadrants.ts';

export interface QuadrantRow {
  touchpoint: string;
  judged: Quadrant | null;
  measured: Quadrant | null;
  changed: boolean;
}

export function quadrantShifts(
  touchpoints: readonly string[],
  judged: { variables: string[]; quadrants: Quadrant[] } | null,
  measured: { variables: string[]; quadrants: Quadrant[] } | null,
): QuadrantRow[] {
  const at = (m: typeof judged, id: string) => {
    if (!m) return null;
    const i = m.variables.indexOf(id);
    return i < 0 ? null : m.quadrants[i]!;
  };
  return touchpoints.map((touchpoint) => {
    const j = at(judged, touchpoint);
    const m = at(measured, touchpoint);
    return { touchpoint, judged: j, measured: m, changed: j !== null && m !== null && j !== m };
  });
}
