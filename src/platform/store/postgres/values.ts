import type { PostgresType } from 'postgres';

/**
 * Result values as the DuckDB adapter gives them, so `read()` callers never see which engine
 * answered: counts and sums as numbers (PostgreSQL's bigint and numeric arrive as text), times as
 * epoch milliseconds, JSON as its text (DuckDB returns JSON columns unparsed), intervals as
 * DuckDB's `{months, days, micros}`. These parsers assume the session settings in SESSION.
 */

/** Per-connection settings the parsers and the shared SQL rely on (DuckDB's TIMESTAMP is UTC). */
export const SESSION = {
  TimeZone: 'UTC',
  DateStyle: 'ISO, YMD',
  IntervalStyle: 'iso_8601',
} as const;

const OID = {
  int8: 20,
  numeric: 1700,
  date: 1082,
  timestamp: 1114,
  timestamptz: 1184,
  interval: 1186,
  json: 114,
  jsonb: 3802,
} as const;

/** `2025-03-01 10:00:00.123+00`, `2025-03-01 10:00:00` or `2025-03-01` (all UTC) to epoch ms. */
export function epochMs(text: string): number {
  if (text === 'infinity') return Infinity;
  if (text === '-infinity') return -Infinity;
  const space = text.indexOf(' ');
  if (space < 0) return Date.parse(`${text}T00:00:00Z`);
  const zone = text.search(/[+-]\d\d(:?\d\d)?$/);
  const time = text.slice(space + 1, zone > space ? zone : undefined);
  return Date.parse(`${text.slice(0, space)}T${time}Z`);
}

export interface Interval {
  months: number;
  days: number;
  micros: bigint;
}

const ISO_INTERVAL =
  /^P(?:(-?\d+)Y)?(?:(-?\d+)M)?(?:(-?\d+)W)?(?:(-?\d+)D)?(?:T(?:(-?\d+)H)?(?:(-?\d+)M)?(?:(-?[\d.]+)S)?)?$/;

/** An ISO 8601 interval (IntervalStyle iso_8601), e.g. `P1Y2M3DT4H5M6.5S`, in DuckDB's shape. */
export function parseInterval(text: string): Interval {
  const m = ISO_INTERVAL.exec(text);
  if (!m) throw new Error(`unexpected interval text ${text}`);
  const n = (i: number) => Number(m[i] ?? 0);
  const seconds = m[7] ?? '0';
  const [whole, fraction = ''] = seconds.replace('-', '').split('.');
  const secondMicros = BigInt(whole!) * 1_000_000n + BigInt(fraction.padEnd(6, '0').slice(0, 6));
  const micros =
    BigInt(n(5)) * 3_600_000_000n +
    BigInt(n(6)) * 60_000_000n +
    (seconds.startsWith('-') ? -1n : 1n) * secondMicros;
  return { months: n(1) * 12 + n(2), days: n(3) * 7 + n(4), micros };
}

const asText = (value: unknown) => String(value);

/** A time parameter: Dates and epoch-ms numbers as ISO text; text as written, for the server to read. */
const timeParam = (value: Date | string | number) =>
  typeof value === 'string' ? value : new Date(value).toISOString();

/**
 * The `types` option of the postgres client. Parameters the server types as JSON pass as the
 * JSON text callers give (the client's default would encode a string a second time).
 */
export const RESULT_TYPES = {
  int8: { to: OID.int8, from: [OID.int8], serialize: asText, parse: Number },
  numeric: { to: OID.numeric, from: [OID.numeric], serialize: asText, parse: Number },
  time: {
    to: OID.timestamptz,
    from: [OID.date, OID.timestamp, OID.timestamptz],
    serialize: timeParam,
    parse: epochMs,
  },
  interval: { to: OID.interval, from: [OID.interval], serialize: asText, parse: parseInterval },
  json: { to: OID.jsonb, from: [OID.json, OID.jsonb], serialize: asText, parse: (text: string) => text },
} satisfies Record<string, PostgresType>;
