/**
 * Numbers and dates for people, in the browser's locale: thousands separators, one decimal for
 * scores, dates as the reader writes them. Every page formats through here.
 */

const count = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat(undefined, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const signedOneDecimal = new Intl.NumberFormat(undefined, {
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
  signDisplay: 'exceptZero',
});
const threeDecimals = new Intl.NumberFormat(undefined, {
  minimumFractionDigits: 3,
  maximumFractionDigits: 3,
});
const date = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const monthYear = new Intl.DateTimeFormat(undefined, { month: 'short', year: 'numeric' });

export const DASH = '–';

const finite = (value: number | null | undefined): value is number =>
  typeof value === 'number' && Number.isFinite(value);

export function formatCount(value: number | null | undefined): string {
  return finite(value) ? count.format(value) : DASH;
}

const upToTwo = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });

/** A plain number: whole numbers stay whole, others get up to two decimals. */
export function formatNumber(value: number | null | undefined): string {
  return finite(value) ? upToTwo.format(value) : DASH;
}

export function formatDecimal(value: number | null | undefined): string {
  return finite(value) ? oneDecimal.format(value) : DASH;
}

export function formatSigned(value: number | null | undefined): string {
  return finite(value) ? signedOneDecimal.format(value) : DASH;
}

export function formatFixed3(value: number | null | undefined): string {
  return finite(value) ? threeDecimals.format(value) : DASH;
}

/** A share in 0..1 as a percentage with one decimal. */
export function formatShare(value: number | null | undefined): string {
  return finite(value) ? `${oneDecimal.format(value * 100)} %` : DASH;
}

export function formatInterval(interval: readonly [number, number] | null | undefined, unit = ''): string {
  if (!interval) return DASH;
  return `${oneDecimal.format(interval[0])}${unit} to ${oneDecimal.format(interval[1])}${unit}`;
}

export function formatP(p: number | null | undefined): string {
  if (!finite(p)) return DASH;
  return p < 0.001 ? 'p < 0.001' : `p = ${threeDecimals.format(p)}`;
}

type DateInput = number | string | Date;
const toDate = (value: DateInput) => (value instanceof Date ? value : new Date(value));

export function formatDate(value: DateInput | null | undefined): string {
  return value === null || value === undefined ? DASH : date.format(toDate(value));
}

export function formatDateTime(value: DateInput | null | undefined): string {
  return value === null || value === undefined ? DASH : dateTime.format(toDate(value));
}

export function formatMonth(value: DateInput): string {
  return monthYear.format(toDate(value));
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A duration in milliseconds, in the largest unit that keeps it readable. */
export function formatDuration(ms: number | null | undefined): string {
  if (!finite(ms)) return DASH;
  if (ms >= 2 * DAY) return `${oneDecimal.format(ms / DAY)} days`;
  if (ms >= 2 * HOUR) return `${oneDecimal.format(ms / HOUR)} h`;
  return `${count.format(Math.round(ms / 60_000))} min`;
}
