import { z } from 'zod';

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day as HH:MM (24-hour)');

/** Hours in the customer's own time zone when no invitation goes out, e.g. 21:00 to 08:00. */
export const quietHoursSchema = z.strictObject({ start: clock, end: clock });
export type QuietHours = z.infer<typeof quietHoursSchema>;

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

const formatters = new Map<string, Intl.DateTimeFormat | null>();

/** A formatter for a time zone, or null for a name Intl does not know (bad traits happen). */
function formatter(timeZone: string): Intl.DateTimeFormat | null {
  if (!formatters.has(timeZone)) {
    let f: Intl.DateTimeFormat | null;
    try {
      f = new Intl.DateTimeFormat('en-GB', {
        timeZone,
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      });
    } catch {
      f = null;
    }
    if (formatters.size > 1000) formatters.clear();
    formatters.set(timeZone, f);
  }
  return formatters.get(timeZone)!;
}

export function isTimeZone(name: string): boolean {
  return formatter(name) !== null;
}

/** Minutes since local midnight at instant `ms` in `timeZone`. */
export function localMinutes(ms: number, timeZone: string): number {
  const f = formatter(timeZone) ?? formatter('UTC')!;
  const parts = f.formatToParts(ms);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return get('hour') * 60 + get('minute');
}

/**
 * The instant quiet hours end if `ms` falls inside them, else null. Works minute by minute on the
 * local clock, so daylight-saving shifts move the end by at most the shift; the caller checks again.
 */
export function quietUntil(ms: number, quiet: QuietHours, timeZone: string): number | null {
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return null;
  const now = localMinutes(ms, timeZone);
  const inside = start < end ? now >= start && now < end : now >= start || now < end;
  if (!inside) return null;
  const wait = (end - now + 1440) % 1440;
  const minuteStart = ms - (ms % 60_000);
  return minuteStart + wait * 60_000;
}
