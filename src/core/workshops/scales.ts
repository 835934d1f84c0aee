/**
 * The judgement scales of a workshop. Short on purpose: people judge dozens of cells in one sitting,
 * and a five-point scale is about as fine as a room of people can agree on. `null` is "don't know":
 * it is an answer (the item is done) but not a judgement (it never enters a median or an agreement).
 */
export const EFFORT_SCALE = {
  min: 1,
  max: 5,
  labels: ['very low', 'low', 'some', 'high', 'very high'],
} as const;
export const IMPORTANCE_SCALE = {
  min: 1,
  max: 5,
  labels: ['minor', 'some', 'important', 'very important', 'critical'],
} as const;
/** Godet's structural-analysis scale: the same one MICMAC, DEMATEL and CIB read. */
export const INFLUENCE_SCALE = { min: 0, max: 3, labels: ['none', 'weak', 'moderate', 'strong'] } as const;

export type JudgementKind = 'effort' | 'importance' | 'influence';

export const SCALES: Record<JudgementKind, { min: number; max: number; labels: readonly string[] }> = {
  effort: EFFORT_SCALE,
  importance: IMPORTANCE_SCALE,
  influence: INFLUENCE_SCALE,
};
