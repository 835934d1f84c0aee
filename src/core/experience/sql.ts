/**
 * SQL literals for the experience definitions. Thresholds are numbers that validation has already
 * checked, so they are written inline rather than bound: core has no I/O and no parameter list, and
 * a fragment with literals can be dropped into any query. Each is cast to DOUBLE PRECISION so that
 * DuckDB and PostgreSQL do the comparison in the same arithmetic as JavaScript.
 */
export function sqlNumber(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  return `CAST(${String(value)} AS DOUBLE PRECISION)`;
}

/** A text literal with quotes doubled (both engines read standard SQL strings). */
export function sqlText(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** The columns (or expressions) of one answer that the fragments read. */
export interface AnswerColumns {
  metric: string;
  score: string;
  min: string;
  max: string;
}

/** The feedback table's own columns under an alias: `f.metric`, `f.score`, `f.scale_min`, `f.scale_max`. */
export function feedbackColumns(alias = 'f'): AnswerColumns {
  const p = alias ? `${alias}.` : '';
  return { metric: `${p}metric`, score: `${p}score`, min: `${p}scale_min`, max: `${p}scale_max` };
}
