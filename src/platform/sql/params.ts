import type { SqlValue } from '../store/port.ts';

/**
 * Collects bound values while a query is assembled and hands out their `$n` placeholders, so
 * dynamic parts (a list of metrics, the journey's stages) never splice user text into SQL.
 */
export class SqlParams {
  readonly values: SqlValue[] = [];

  add(value: SqlValue): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }

  /**
   * A bound text value with its type spelt out. Where an operator is overloaded (`->>` takes a key
   * or an array index) DuckDB guesses the type of a bare `$n` from the overload, not the value.
   */
  text(value: string): string {
    return `CAST(${this.add(value)} AS VARCHAR)`;
  }

  /** `$4, $5, $6` for an IN list; callers handle the empty list (IN () is not valid SQL). */
  list(values: readonly SqlValue[]): string {
    return values.map((value) => this.add(value)).join(', ');
  }
}

/** `column IN (...)` over bound values, or FALSE for an empty list. */
export function inList(params: SqlParams, column: string, values: readonly SqlValue[]): string {
  return values.length === 0 ? 'FALSE' : `${column} IN (${params.list(values)})`;
}

/**
 * A VALUES table with bound text and inline integers: the journey's touchpoint -> stage map and
 * the like travel as data rather than as a CASE expression per query. Integers are our own, so
 * they are written inline (PostgreSQL cannot infer a type for a bare `$n` there).
 */
export function valuesTable(
  params: SqlParams,
  name: string,
  columns: readonly string[],
  rows: readonly (readonly (string | number)[])[],
): string {
  const head = `${name}(${columns.join(', ')})`;
  if (rows.length === 0) {
    // An empty VALUES list is not valid SQL; typed columns of a query that returns nothing are.
    const nulls = columns.map((c, i) => `CAST(NULL AS ${i === 0 ? 'VARCHAR' : 'INTEGER'}) AS ${c}`);
    return `${head} AS (SELECT ${nulls.join(', ')} WHERE FALSE)`;
  }
  const cell = (value: string | number) => {
    if (typeof value === 'string') return params.add(value);
    if (!Number.isSafeInteger(value)) throw new RangeError(`not an integer: ${value}`);
    return String(value);
  };
  return `${head} AS (VALUES ${rows.map((row) => `(${row.map(cell).join(', ')})`).join(', ')})`;
}
