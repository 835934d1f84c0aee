import { z } from 'zod';
import { zodIssues, type FieldIssue } from '../issues.ts';
import { visitSquareMatrix } from './matrix-input.ts';

/** Weimer-Jehle's usual judgement scale runs from -3 to +3; a project may declare a wider one. */
export const DEFAULT_SCALE = 3;
export const MAX_DESCRIPTORS = 64;
export const MAX_VARIANTS = 32;

const cibInputSchema = z.strictObject({
  descriptors: z
    .array(
      z.strictObject({
        id: z.string().min(1).max(200),
        variants: z.array(z.string().min(1).max(200)).min(1).max(MAX_VARIANTS),
      }),
    )
    .min(1)
    .max(MAX_DESCRIPTORS),
  matrix: z.array(z.array(z.unknown())),
  /** Judgements are integers from -scale to +scale. */
  scale: z.int().min(1).max(100).optional(),
});

export type CibInput = z.infer<typeof cibInputSchema>;

/** A validated judgement matrix; rows are impacting variants, columns impacted ones, descriptor by descriptor. */
export interface CibMatrix {
  descriptors: { id: string; variants: string[] }[];
  /** Every variant name, in matrix order. */
  variants: string[];
  /** Index of each descriptor's first variant in `variants`. */
  offsets: Int32Array;
  counts: Int32Array;
  /** Row-major V x V, exactly the cells given (blocks of a descriptor on itself included). */
  values: Int32Array;
  scale: number;
}

export type CibMatrixResult = { ok: true; matrix: CibMatrix } | { ok: false; issues: FieldIssue[] };

export function parseCibMatrix(input: unknown): CibMatrixResult {
  const parsed = cibInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, issues: zodIssues(parsed.error) };
  const { descriptors, matrix } = parsed.data;
  const scale = parsed.data.scale ?? DEFAULT_SCALE;
  const issues: FieldIssue[] = [];
  const variantOwner = new Map<string, string>();
  const descriptorIds = new Set<string>();
  const variants: string[] = [];
  const offsets = new Int32Array(descriptors.length);
  const counts = new Int32Array(descriptors.length);
  descriptors.forEach((d, i) => {
    if (descriptorIds.has(d.id)) {
      issues.push({
        path: `descriptors.${i}.id`,
        code: 'duplicate_id',
        message: `descriptor "${d.id}" is listed twice`,
      });
    }
    descriptorIds.add(d.id);
    offsets[i] = variants.length;
    counts[i] = d.variants.length;
    d.variants.forEach((v, j) => {
      const owner = variantOwner.get(v);
      if (owner !== undefined) {
        issues.push({
          path: `descriptors.${i}.variants.${j}`,
          code: 'duplicate_variant',
          message: `variant "${v}" is already a variant of "${owner}"; variant names are unique across descriptors`,
        });
      }
      variantOwner.set(v, d.id);
      variants.push(v);
    });
  });
  const size = variants.length;
  const values = new Int32Array(size * size);
  visitSquareMatrix(matrix, size, 'variant', issues, (cell, i, j, report) => {
    const path = `matrix.${i}.${j}`;
    if (typeof cell !== 'number' || !Number.isInteger(cell)) {
      report({ path, code: 'not_integer', message: `judgements are integers (got ${JSON.stringify(cell)})` });
    } else if (Math.abs(cell) > scale) {
      report({
        path,
        code: 'out_of_range',
        message: `judgement ${cell} is outside -${scale}..+${scale}; declare "scale" if the project uses a wider one`,
      });
    } else values[i * size + j] = cell;
  });
  if (issues.length) return { ok: false, issues };
  return { ok: true, matrix: { descriptors, variants, offsets, counts, values, scale } };
}

/** Number of scenarios (one variant per descriptor); a double, exact up to 2^53. */
export function scenarioCount(matrix: CibMatrix): number {
  return matrix.counts.reduce((a, b) => a * b, 1);
}

/**
 * Reads a scenario written as variant names (one per descriptor, in any order) into variant
 * indices within each descriptor, in descriptor order.
 */
export function parseScenario(
  matrix: CibMatrix,
  names: readonly string[],
): { ok: true; scenario: Int32Array } | { ok: false; issues: FieldIssue[] } {
  const byName = new Map<string, [number, number]>();
  matrix.descriptors.forEach((d, i) => d.variants.forEach((v, j) => byName.set(v, [i, j])));
  const scenario = new Int32Array(matrix.descriptors.length).fill(-1);
  const issues: FieldIssue[] = [];
  names.forEach((name, k) => {
    const hit = byName.get(name);
    if (!hit) {
      issues.push({
        path: `scenario.${k}`,
        code: 'unknown_variant',
        message: `"${name}" is not a variant of any descriptor`,
      });
      return;
    }
    const [d, v] = hit;
    if (scenario[d] !== -1) {
      issues.push({
        path: `scenario.${k}`,
        code: 'descriptor_twice',
        message: `descriptor "${matrix.descriptors[d]!.id}" already has variant "${matrix.descriptors[d]!.variants[scenario[d]!]}"`,
      });
      return;
    }
    scenario[d] = v;
  });
  scenario.forEach((v, d) => {
    if (v === -1) {
      issues.push({
        path: 'scenario',
        code: 'missing_descriptor',
        message: `the scenario names no variant of descriptor "${matrix.descriptors[d]!.id}"`,
      });
    }
  });
  return issues.length ? { ok: false, issues } : { ok: true, scenario };
}
