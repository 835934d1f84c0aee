import type { Random } from './random.ts';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Relative weight of each local hour for starting a shopping session: lunch and evening peaks. */
const HOUR_WEIGHTS = [
  0.3, 0.15, 0.1, 0.05, 0.05, 0.1, 0.3, 0.6, 0.9, 1.0, 1.1, 1.3, 1.6, 1.4, 1.1, 1.0, 1.0, 1.1, 1.3, 1.7, 2.0,
  1.9, 1.4, 0.8,
];

/** The instant `months` calendar months before `now`, so a 12-month window is a year whatever its length. */
export function monthsBefore(now: number, months: number): number {
  const d = new Date(now);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.getTime();
}

/** An instant on the local day (for someone `utcOffset` hours from UTC) that contains `instant`. */
function atLocalHour(rng: Random, instant: number, utcOffset: number): number {
  const shift = utcOffset * HOUR;
  const localMidnight = Math.floor((instant + shift) / DAY) * DAY;
  return localMidnight + (rng.categorical(HOUR_WEIGHTS) + rng.next()) * HOUR - shift;
}

/** A session start at least `minDays` after `after`, at a plausible local hour; always later than `after`. */
export function sessionAfter(rng: Random, after: number, minDays: number, utcOffset: number): number {
  const t = atLocalHour(rng, after + minDays * DAY, utcOffset);
  return t > after ? t : t + DAY;
}

/**
 * When a customer first shows up: on a day drawn with linearly growing density over [start, end]
 * (the shop is growing), at a plausible local hour, kept inside the window.
 */
export function arrivalTime(
  rng: Random,
  start: number,
  end: number,
  growth: number,
  utcOffset: number,
): number {
  // Inverse of the CDF (1 - g) x + g x^2 of the density (1 - g) + 2 g x on [0, 1].
  const u = rng.next();
  const x = growth === 0 ? u : (-(1 - growth) + Math.sqrt((1 - growth) ** 2 + 4 * growth * u)) / (2 * growth);
  const t = atLocalHour(rng, start + x * (end - start), utcOffset);
  // On the window's first or last day the drawn hour can fall outside it: take the next or previous day.
  return t < start ? t + DAY : t > end ? t - DAY : t;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/**
 * `new Date(t).toISOString()`, several times faster for the half million timestamps of a demo: the
 * date part is formatted once per day and the time of day by hand.
 */
export function isoFormatter(): (t: number) => string {
  const days = new Map<number, string>();
  return (t) => {
    const ms = Math.floor(t);
    const day = Math.floor(ms / DAY);
    let date = days.get(day);
    if (date === undefined) {
      date = new Date(day * DAY).toISOString().slice(0, 11);
      days.set(day, date);
    }
    const r = ms - day * DAY;
    const time = `${pad(Math.floor(r / HOUR), 2)}:${pad(Math.floor(r / MINUTE) % 60, 2)}:${pad(Math.floor(r / 1000) % 60, 2)}`;
    return `${date}${time}.${pad(r % 1000, 3)}Z`;
  };
}
