import { z } from 'zod';

const scalar = z.union([z.string().max(500), z.number(), z.boolean(), z.null()]);
type Scalar = z.infer<typeof scalar>;

/** One test on a value: equality with a scalar, membership in a list, or an operator object. */
const operators = z
  .strictObject({
    eq: scalar.optional(),
    ne: scalar.optional(),
    gt: z.number().optional(),
    gte: z.number().optional(),
    lt: z.number().optional(),
    lte: z.number().optional(),
    in: z.array(scalar).max(100).optional(),
    exists: z.boolean().optional(),
  })
  .refine((o) => Object.keys(o).length > 0, 'give at least one of eq, ne, gt, gte, lt, lte, in, exists');

export const conditionSchema = z.union([scalar, z.array(scalar).max(100), operators]);
export type Condition = z.infer<typeof conditionSchema>;

/**
 * Conditions on an object, keyed by a dotted path (`order.total`, `plan`). Every condition must
 * hold. Written in YAML as `{ late: true, total: { gte: 100 }, country: [FR, BE] }`.
 */
export const conditionsSchema = z
  .record(z.string().min(1).max(200), conditionSchema)
  .refine((c) => Object.keys(c).length <= 50, 'at most 50 conditions');
export type Conditions = z.infer<typeof conditionsSchema>;

function lookup(object: unknown, path: string): unknown {
  let node = object;
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function test(value: unknown, condition: Condition): boolean {
  if (condition === null || typeof condition !== 'object') return value === condition;
  if (Array.isArray(condition)) return condition.includes(value as Scalar);
  const o = condition;
  const num = typeof value === 'number' ? value : Number.NaN;
  if (o.exists !== undefined && (value !== undefined && value !== null) !== o.exists) return false;
  if (o.eq !== undefined && value !== o.eq) return false;
  if (o.ne !== undefined && value === o.ne) return false;
  if (o.in !== undefined && !o.in.includes(value as Scalar)) return false;
  if (o.gt !== undefined && !(num > o.gt)) return false;
  if (o.gte !== undefined && !(num >= o.gte)) return false;
  if (o.lt !== undefined && !(num < o.lt)) return false;
  if (o.lte !== undefined && !(num <= o.lte)) return false;
  return true;
}

/** True when every condition holds on `object` (an absent object has no properties). */
export function matchesConditions(conditions: Conditions | undefined, object: unknown): boolean {
  if (!conditions) return true;
  return Object.entries(conditions).every(([path, condition]) => test(lookup(object, path), condition));
}
