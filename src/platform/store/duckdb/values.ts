import { DuckDBTimestampValue, type DuckDBValue } from '@duckdb/node-api';
import type { SqlValue } from '../port.ts';

export function timestampValue(ms: number): DuckDBTimestampValue {
  return new DuckDBTimestampValue(BigInt(Math.round(ms)) * 1000n);
}

export function toDuckValue(value: SqlValue): DuckDBValue {
  return value instanceof Date ? timestampValue(value.getTime()) : value;
}

/** Plain JS out of a DuckDB row: counts as numbers, timestamps as epoch ms, JSON as parsed values. */
export function fromDuckRow(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    if (typeof value === 'bigint') out[key] = Number(value);
    else if (value instanceof Date) out[key] = value.getTime();
    else out[key] = value;
  }
  return out;
}
