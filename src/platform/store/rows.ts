/**
 * Typed reads (Store.readRows): each query names the columns it expects and their kinds, instead
 * of casting `r.x as string` at every use. A decoder checks each column's kind and names the column
 * when a query and its decoder disagree. It takes each engine's own values: DuckDB's BIGINT arrives
 * as bigint and its TIMESTAMP as a Date, PostgreSQL's already as numbers and epoch ms
 * (postgres/values.ts), so on DuckDB the decoded row is the only object built per row, where
 * `read()` builds one in fromDuckRow (bench/row-decoders.ts measures both).
 */

export class RowShapeError extends Error {
  constructor(column: string, expected: string, value: unknown) {
    super(`column "${column}": expected ${expected}, got ${value === null ? 'null' : typeof value}`);
  }
}

/** Checks and converts one column's value. */
export type Column<T> = (value: unknown, column: string) => T;

export const text: Column<string> = (value, column) => {
  if (typeof value === 'string') return value;
  throw new RowShapeError(column, 'text', value);
};

/** A count, sum or average; a BIGINT that reached JS as bigint is converted. */
export const num: Column<number> = (value, column) => {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  throw new RowShapeError(column, 'a number', value);
};

/** A TIMESTAMP as epoch milliseconds (DuckDB hands over a Date, PostgreSQL already the number). */
export const epochMs: Column<number> = (value, column) => {
  if (typeof value === 'number') return value;
  if (value instanceof Date) return value.getTime();
  throw new RowShapeError(column, 'a time', value);
};

export const bool: Column<boolean> = (value, column) => {
  if (typeof value === 'boolean') return value;
  throw new RowShapeError(column, 'a boolean', value);
};

/** A JSON column: both engines hand over its text. */
export const json: Column<unknown> = (value, column) => {
  if (typeof value === 'string') return JSON.parse(value) as unknown;
  if (value !== null && typeof value === 'object') return value;
  throw new RowShapeError(column, 'JSON text', value);
};

/** A LIST column (DuckDB list(), PostgreSQL array_agg), every element decoded. */
export const list =
  <T>(element: Column<T>): Column<T[]> =>
  (value, column) => {
    if (!Array.isArray(value)) throw new RowShapeError(column, 'a list', value);
    return value.map((item: unknown) => element(item, column));
  };

export const nullable =
  <T>(column: Column<T>): Column<T | null> =>
  (value, name) =>
    value === null || value === undefined ? null : column(value, name);

/** One of a fixed set of text values (a status, a kind). */
export const oneOf =
  <const T extends string>(...values: T[]): Column<T> =>
  (value, column) => {
    if (typeof value === 'string' && (values as string[]).includes(value)) return value as T;
    throw new RowShapeError(column, values.join(' | '), value);
  };

export type RowDecoder<T> = (row: Record<string, unknown>) => T;
export type RowOf<S extends Record<string, Column<unknown>>> = { [K in keyof S]: ReturnType<S[K]> };
/** The row type a decoder gives. */
export type Decoded<D> = D extends RowDecoder<infer T> ? T : never;

/** A decoder for rows with these columns; other columns are left out of the typed row. */
export function row<S extends Record<string, Column<unknown>>>(shape: S): RowDecoder<RowOf<S>> {
  const columns = Object.entries(shape);
  return (raw) => {
    const out: Record<string, unknown> = {};
    for (const [name, column] of columns) out[name] = column(raw[name], name);
    return out as RowOf<S>;
  };
}

/** Numbered columns `<prefix>0`, `<prefix>1` ... of a query whose width depends on its input. */
export function numbered<T>(prefix: string, count: number, column: Column<T>): RowDecoder<T[]> {
  const names = Array.from({ length: count }, (_, k) => `${prefix}${k}`);
  return (raw) => names.map((name) => column(raw[name], name));
}
