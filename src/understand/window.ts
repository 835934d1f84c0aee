import { InputError, type FieldIssue } from '../core/issues.ts';

/** The time window an analysis reads: [from, to), and how long after it outcomes are followed. */
export interface Window {
  from: Date;
  to: Date;
  /** Outcomes (purchases, churn, later scores) are looked for until here; at least `to`. */
  followUntil: Date;
}

export interface WindowInput {
  from?: string;
  to?: string;
  followUntil?: string;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DAY = 86_400_000;

/**
 * A date (YYYY-MM-DD, UTC) or an ISO-8601 timestamp. A date as the end of a range means the whole
 * day: `--to 2025-06-30` includes June 30th.
 */
function parseInstant(text: string, end: boolean): number {
  if (DATE_ONLY.test(text)) {
    const ms = Date.parse(`${text}T00:00:00Z`);
    return end ? ms + DAY : ms;
  }
  return /T\d{2}:\d{2}/.test(text) ? Date.parse(text) : NaN;
}

export function parseWindow(input: WindowInput): Window {
  const issues: FieldIssue[] = [];
  const read = (key: keyof WindowInput, end: boolean): number | null => {
    const text = input[key];
    if (text === undefined || text === '') {
      if (key !== 'followUntil') issues.push({ path: key, code: 'required', message: `${key} is required` });
      return null;
    }
    const ms = parseInstant(text.trim(), end);
    if (!Number.isFinite(ms)) {
      issues.push({
        path: key,
        code: 'invalid_date',
        message: `"${text}" is not a date (YYYY-MM-DD) or an ISO-8601 timestamp with a time zone`,
      });
      return null;
    }
    return ms;
  };
  const from = read('from', false);
  const to = read('to', true);
  const follow = read('followUntil', true);
  if (from !== null && to !== null && to <= from) {
    issues.push({ path: 'to', code: 'empty_window', message: 'to must be after from' });
  }
  if (to !== null && follow !== null && follow < to) {
    issues.push({ path: 'followUntil', code: 'invalid_date', message: 'followUntil must not be before to' });
  }
  if (issues.length) throw new InputError(issues);
  return { from: new Date(from!), to: new Date(to!), followUntil: new Date(follow ?? to!) };
}

export const windowView = (w: Window) => ({
  from: w.from.toISOString(),
  to: w.to.toISOString(),
  followUntil: w.followUntil.toISOString(),
});
