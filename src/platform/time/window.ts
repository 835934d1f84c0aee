import type { FieldIssue } from '../../core/issues.ts';

/**
 * The time window every analytics call is bound to: [from, to) in UTC. Nothing scans all history
 * by default, so both ends are required.
 *
 * A date without a time means the whole day: `--from 2025-01-01 --to 2025-12-31` covers the year,
 * the last day included. A full ISO-8601 timestamp is taken as the exact instant, and `to` is
 * exclusive then.
 */
export interface TimeWindow {
  from: Date;
  /** exclusive */
  to: Date;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const DAY_MS = 86_400_000;

/** Far enough for any real data set, near enough that day buckets and date arithmetic stay sane. */
const EARLIEST = Date.UTC(1970, 0, 1);
const LATEST = Date.UTC(2200, 0, 1);

export const WINDOW_FORMAT = 'YYYY-MM-DD (a whole day, UTC) or an ISO-8601 timestamp with a zone';

/** Parses one end of the window; `end` turns a date into the start of the next day. */
export function parseInstant(text: string, end: boolean): number | null {
  if (DATE.test(text)) {
    const ms = Date.parse(`${text}T00:00:00Z`);
    // Date.parse rolls 2025-02-30 over to March; a date must survive the round trip.
    if (!Number.isFinite(ms) || new Date(ms).toISOString().slice(0, 10) !== text) return null;
    return end ? ms + DAY_MS : ms;
  }
  if (!DATE_TIME.test(text)) return null;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : null;
}

/** The window, or the issues with `from` / `to` (reported at `paths`). */
export function parseWindow(
  from: string,
  to: string,
  paths: { from: string; to: string } = { from: 'from', to: 'to' },
): { window: TimeWindow; issues: [] } | { window: null; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const parsed: Record<'from' | 'to', number | null> = { from: null, to: null };
  for (const [field, text] of [
    ['from', from],
    ['to', to],
  ] as const) {
    const ms = parseInstant(text, field === 'to');
    if (ms === null) {
      issues.push({ path: paths[field], code: 'invalid_date', message: `use ${WINDOW_FORMAT}` });
    } else if (ms < EARLIEST || ms > LATEST) {
      issues.push({ path: paths[field], code: 'out_of_range', message: 'must lie between 1970 and 2200' });
    } else {
      parsed[field] = ms;
    }
  }
  if (parsed.from !== null && parsed.to !== null && parsed.to <= parsed.from) {
    issues.push({ path: paths.to, code: 'empty_window', message: 'must be after from' });
  }
  if (issues.length || parsed.from === null || parsed.to === null) return { window: null, issues };
  return { window: { from: new Date(parsed.from), to: new Date(parsed.to) }, issues: [] };
}

/** The window as reports echo it: ISO instants, `to` exclusive. */
export function windowJson(window: TimeWindow): { from: string; to: string } {
  return { from: window.from.toISOString(), to: window.to.toISOString() };
}

function monthIndex(date: Date): number | null {
  const aligned =
    date.getUTCDate() === 1 &&
    date.getUTCHours() === 0 &&
    date.getUTCMinutes() === 0 &&
    date.getUTCSeconds() === 0 &&
    date.getUTCMilliseconds() === 0;
  return aligned ? date.getUTCFullYear() * 12 + date.getUTCMonth() : null;
}

/**
 * The default baseline: the window just before this one. Whole calendar months step back by
 * months (March compares with February, a year with the year before); anything else by its length.
 */
export function previousWindow(window: TimeWindow): TimeWindow {
  const start = monthIndex(window.from);
  const end = monthIndex(window.to);
  if (start !== null && end !== null) {
    const months = end - start;
    const from = start - months;
    return { from: new Date(Date.UTC(Math.floor(from / 12), from % 12, 1)), to: window.from };
  }
  const length = window.to.getTime() - window.from.getTime();
  return { from: new Date(window.from.getTime() - length), to: window.from };
}
