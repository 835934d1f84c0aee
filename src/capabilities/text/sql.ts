import type { SqlStatement, SqlValue } from '../../platform/store/port.ts';

/** `$k, $k+1, ...` for an IN list of `count` values starting at parameter `start`. */
export const placeholders = (start: number, count: number) =>
  Array.from({ length: count }, (_, i) => `$${start + i}`).join(', ');

/** A multi-row INSERT split into statements of at most `perStatement` rows. */
export function insertRows(
  prefix: string,
  suffix: string,
  rows: SqlValue[][],
  perStatement = 400,
): SqlStatement[] {
  const statements: SqlStatement[] = [];
  for (let from = 0; from < rows.length; from += perStatement) {
    const params: SqlValue[] = [];
    const tuples = rows
      .slice(from, from + perStatement)
      .map((r) => `(${r.map((v) => (params.push(v), `$${params.length}`)).join(', ')})`);
    statements.push({ sql: `${prefix} VALUES ${tuples.join(', ')} ${suffix}`, params });
  }
  return statements;
}

/** A LIKE pattern for a whole stem (or stem phrase) in a stem line; stems hold no % or _. */
export const stemPattern = (stems: string) => `% ${stems.replace(/[%_\\]/g, '')} %`;
