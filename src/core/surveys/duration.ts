import { z } from 'zod';

const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

/** The longest duration anywhere (a delay, an expiry, a policy period): ten years of days. */
export const MAX_DURATION_MS = 3650 * UNIT_MS.d;

const milliseconds = z.number().int().min(0).max(MAX_DURATION_MS, 'at most 10 years (3650d)');

/**
 * A duration written the way people say it in a YAML file: `30s`, `15m`, `2h`, `2d`, `1w`.
 * Stored and computed as milliseconds; a bare number is taken as milliseconds. Both forms meet
 * the same cap: `999999w` (19,000 years) once passed while 11 years in milliseconds did not.
 */
export const durationSchema = z.union([
  milliseconds,
  z
    .string()
    .regex(/^\d{1,6}(s|m|h|d|w)$/, 'write a duration as a whole number and a unit: 30s, 15m, 2h, 2d, 1w')
    .transform((text) => Number(text.slice(0, -1)) * UNIT_MS[text.slice(-1) as keyof typeof UNIT_MS])
    .pipe(milliseconds),
]);

/** The shortest unit that writes `ms` exactly, for showing a stored duration back. */
export function formatDuration(ms: number): string {
  for (const unit of ['w', 'd', 'h', 'm', 's'] as const) {
    if (ms % UNIT_MS[unit] === 0) return `${ms / UNIT_MS[unit]}${unit}`;
  }
  return `${ms}`;
}
