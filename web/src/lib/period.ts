import { navigate, hrefWith, useLocation } from './url-state.ts';

/**
 * The analysis window, held in the address as `from` and `to` (YYYY-MM-DD, both days included).
 * Without them a page shows the last 90 days. Every analytics call takes a window: the server
 * never scans all history by default, and neither does the dashboard.
 */
export interface Period {
  from: string;
  to: string;
}

const DAY = 86_400_000;
export const PRESETS = [
  { days: 30, label: 'Last 30 days' },
  { days: 90, label: 'Last 90 days' },
  { days: 182, label: 'Last 6 months' },
  { days: 365, label: 'Last 12 months' },
] as const;
const DEFAULT_DAYS = 90;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
export const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function lastDays(days: number, today = Date.now()): Period {
  return { from: isoDay(today - (days - 1) * DAY), to: isoDay(today) };
}

export function usePeriod(): [Period, (period: Period) => void] {
  const { query } = useLocation();
  const from = query.get('from');
  const to = query.get('to');
  const period =
    from && to && DATE.test(from) && DATE.test(to) && from <= to ? { from, to } : lastDays(DEFAULT_DAYS);
  // A new history entry per change: Back returns to the previous period, not out of the app.
  return [period, (next) => navigate(hrefWith({ from: next.from, to: next.to }))];
}

/** The window of the same length just before `period`: what a change is measured against. */
export function previousPeriod(period: Period): Period {
  const from = Date.parse(period.from);
  const days = Math.round((Date.parse(period.to) - from) / DAY) + 1;
  return { from: isoDay(from - days * DAY), to: isoDay(from - DAY) };
}

/** Day buckets for short windows, weeks up to half a year, months beyond. */
export function trendInterval(period: Period): 'day' | 'week' | 'month' {
  const days = (Date.parse(period.to) - Date.parse(period.from)) / DAY + 1;
  return days <= 31 ? 'day' : days <= 200 ? 'week' : 'month';
}
