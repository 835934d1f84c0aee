import { propertyKeyProblem, type Failure } from '../../../core/journey/schema.ts';
import type { SqlParams } from '../../../platform/sql/params.ts';

/**
 * The events that declare a failure of the journey map (`Order Delivered` with `late: true` ...),
 * as a predicate over the events alias `e`. Property values compare as the text `->>` gives on
 * both engines: strings as they are, true/false and numbers as JSON writes them.
 */
export function failurePredicate(params: SqlParams, failure: Failure, alias = 'e'): string {
  // A map saved before keys were checked may hold one `->>` cannot read: it matches nothing
  // instead of failing the report (checked before any parameter is bound, so none is left unused).
  if (Object.keys(failure.where ?? {}).some((key) => propertyKeyProblem(key) !== null)) return '(FALSE)';
  const terms = [`${alias}.name = ${params.add(failure.event)}`];
  for (const [key, value] of Object.entries(failure.where ?? {})) {
    // parenthesised: DuckDB binds `->>` looser than `=`
    terms.push(`(${alias}.properties ->> ${params.text(key)}) = ${params.text(String(value))}`);
  }
  return `(${terms.join(' AND ')})`;
}
