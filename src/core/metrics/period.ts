/**
 * Time buckets in UTC, matching SQL date_trunc('day' | 'week' | 'month', ts) evaluated with the
 * session time zone set to UTC: weeks start on Monday (ISO 8601), months on the 1st.
 */

export type TimeBucket = 'day' | 'week' | 'month';

const DAY_MS = 86_400_000;

function requireTimestamp(ms: number): void {
  if (!Number.isFinite(ms)) throw new RangeError(`timestamp must be finite milliseconds, got ${ms}`);
}

/** Start of the bucket containing ms, in ms since the epoch (UTC). */
export function bucketStart(ms: number, bucket: TimeBucket): number {
  requireTimestamp(ms);
  const day = Math.floor(ms / DAY_MS);
  switch (bucket) {
    case 'day':
      return day * DAY_MS;
    case 'week': {
      // 1970-01-01 was a Thursday, so day + 3 counts days since a Monday; the double modulo
      // keeps it non-negative before 1970.
      const sinceMonday = (((day + 3) % 7) + 7) % 7;
      return (day - sinceMonday) * DAY_MS;
    }
    case 'month': {
      const date = new Date(ms);
      return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
    }
  }
}

/** The bucket's first day as YYYY-MM-DD, the same for day, week and month buckets. */
export function periodLabel(startMs: number): string {
  return new Date(startMs).toISOString().slice(0, 10);
}
