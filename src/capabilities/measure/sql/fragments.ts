import type { SqlParams } from '../../../platform/sql/params.ts';

/**
 * One person per row: a customer, or an anonymous visitor no identify has merged into one. A CASE
 * rather than coalesce(): DuckDB evaluates both arguments of coalesce for every row, and the
 * string concatenation for millions of identified events is a sizeable share of a funnel's time.
 */
export const PERSON = `CASE WHEN e.resolved_customer_id IS NOT NULL THEN e.resolved_customer_id ELSE 'anon:' || e.anonymous_id END`;

/**
 * Milliseconds between two timestamps as a whole number. Timestamps are stored to the
 * millisecond, so rounding only removes the float noise of epoch seconds; the expression runs on
 * DuckDB and PostgreSQL alike (epoch_ms is DuckDB's own).
 */
export function msBetween(later: string, earlier: string): string {
  return `round((extract(epoch FROM ${later}) - extract(epoch FROM ${earlier})) * 1000)`;
}

/** `ts + days` for a bound number of days, in SQL both engines accept. */
export function plusDays(params: SqlParams, ts: string, days: number): string {
  return `${ts} + CAST(${params.add(days)} AS DOUBLE PRECISION) * INTERVAL '1 day'`;
}

/** p25, median and p75 of an expression (percentile_cont: the same on DuckDB and PostgreSQL). */
export function quartileColumns(expression: string, suffix: string): string {
  return (
    [
      ['p25', 0.25],
      ['median', 0.5],
      ['p75', 0.75],
    ] as const
  )
    .map(
      ([name, fraction]) =>
        `percentile_cont(${fraction}) WITHIN GROUP (ORDER BY ${expression}) AS ${name}_${suffix}`,
    )
    .join(', ');
}
