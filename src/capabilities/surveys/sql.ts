import type { SqlStatement, SqlValue } from '../../platform/store/port.ts';

/**
 * A multi-row `INSERT ... VALUES` split into statements of at most `perStatement` rows, so a
 * large batch does not become one statement with tens of thousands of parameters.
 */
export function insertRows(
  prefix: string,
  suffix: string,
  rows: SqlValue[][],
  perStatement = 500,
): SqlStatement[] {
  const statements: SqlStatement[] = [];
  for (let from = 0; from < rows.length; from += perStatement) {
    const chunk = rows.slice(from, from + perStatement);
    const params: SqlValue[] = [];
    const tuples = chunk.map(
      (row) => `(${row.map((value) => (params.push(value), `$${params.length}`)).join(', ')})`,
    );
    statements.push({ sql: `${prefix} VALUES ${tuples.join(', ')} ${suffix}`, params });
  }
  return statements;
}

/** `$k, $k+1, ...` for an IN list of `count` values starting at parameter `start`. */
export const placeholders = (start: number, count: number) =>
  Array.from({ length: count }, (_, i) => `$${start + i}`).join(', ');

export const toDate = (ms: number | null) => (ms === null ? null : new Date(ms));
