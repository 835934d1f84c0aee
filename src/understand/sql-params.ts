import type { SqlValue } from '../store/port.ts';

/** Collects `$n` parameters while a query is assembled, so values never enter the SQL text. */
export class SqlParams {
  readonly values: SqlValue[] = [];

  constructor(initial: SqlValue[] = []) {
    this.values.push(...initial);
  }

  add(value: SqlValue): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }

  /** `x IN ($a, $b)`, or FALSE for an empty list (an empty IN list is a syntax error). */
  in(expression: string, values: readonly SqlValue[]): string {
    return values.length === 0 ? 'FALSE' : `${expression} IN (${values.map((v) => this.add(v)).join(', ')})`;
  }
}
