import { z } from 'zod';
import { zodIssues, type FieldIssue } from '../issues.ts';

/** Largest matrix accepted: DEMATEL is O(n^3), and 1000 variables still solves in about a second. */
export const MAX_VARIABLES = 1000;

/** The marker a workshop writes for an influence that does not exist yet but could (Godet's "P"). */
export const POTENTIAL = 'P';

/**
 * Cells are checked one by one after the shape (not by a zod union), so a bad cell gets one clear
 * message at `matrix.<row>.<column>` instead of a union error listing every alternative.
 */
const influenceInputSchema = z.strictObject({
  variables: z.array(z.string().min(1).max(200)).min(1).max(MAX_VARIABLES),
  matrix: z.array(z.array(z.unknown()).max(MAX_VARIABLES)).max(MAX_VARIABLES),
});

export type InfluenceInput = z.infer<typeof influenceInputSchema>;

/** A validated square influence matrix; rows influence columns. */
export interface InfluenceMatrix {
  variables: string[];
  n: number;
  /** Row-major intensities with every `P` cell stored as 0 (the direct run ignores potential influence). */
  values: Float64Array;
  /** 1 where the input had `P`. */
  potential: Uint8Array;
  potentialCount: number;
}

export type InfluenceMatrixResult =
  { ok: true; matrix: InfluenceMatrix } | { ok: false; issues: FieldIssue[] };

/** Enough issues to fix a file in one go without flooding a reply for a matrix full of bad cells. */
export const MAX_CELL_ISSUES = 20;

export function parseInfluenceMatrix(input: unknown): InfluenceMatrixResult {
  const parsed = influenceInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, issues: zodIssues(parsed.error) };
  const { variables, matrix } = parsed.data;
  const n = variables.length;
  const issues: FieldIssue[] = [];
  const seen = new Map<string, number>();
  variables.forEach((name, i) => {
    const first = seen.get(name);
    if (first !== undefined) {
      issues.push({
        path: `variables.${i}`,
        code: 'duplicate_variable',
        message: `variable "${name}" is also variable ${first}`,
      });
    } else seen.set(name, i);
  });
  const values = new Float64Array(n * n);
  const potential = new Uint8Array(n * n);
  let potentialCount = 0;
  visitSquareMatrix(matrix, n, 'variable', issues, (cell, i, j, report) => {
    const path = `matrix.${i}.${j}`;
    if (cell === POTENTIAL) {
      potential[i * n + j] = 1;
      potentialCount++;
    } else if (typeof cell !== 'number' || !Number.isFinite(cell)) {
      report({ path, code: 'invalid_cell', message: 'a cell is a number >= 0 or "P" (potential influence)' });
    } else if (cell < 0) {
      report({
        path,
        code: 'negative_influence',
        message: `influence intensities are >= 0 (got ${cell}); write the strength, not its sign`,
      });
    } else values[i * n + j] = cell;
  });
  if (issues.length) return { ok: false, issues };
  return { ok: true, matrix: { variables, n, values, potential, potentialCount } };
}

/** The same matrix with every `P` cell counted as `weight`: the potential run. */
export function withPotentialWeight(matrix: InfluenceMatrix, weight: number): Float64Array {
  const out = Float64Array.from(matrix.values);
  for (let k = 0; k < out.length; k++) if (matrix.potential[k]) out[k] = weight;
  return out;
}

/**
 * Walks a square matrix given as rows: reports a wrong number of rows or cells (`noun` names what
 * rows and columns stand for), hands every cell of a well-shaped matrix to `visit`, and caps the
 * cell problems `visit` reports at MAX_CELL_ISSUES, with one line saying how many more there were.
 */
export function visitSquareMatrix(
  matrix: readonly (readonly unknown[])[],
  size: number,
  noun: string,
  issues: FieldIssue[],
  visit: (cell: unknown, i: number, j: number, report: (issue: FieldIssue) => void) => void,
): void {
  if (matrix.length !== size) {
    issues.push({
      path: 'matrix',
      code: 'not_square',
      message: `the matrix has ${matrix.length} rows for ${size} ${noun}s; it must be ${size} x ${size}`,
    });
    // A wrong number of rows already says the matrix is not square; a line per row would only repeat it.
    return;
  }
  let cellIssues = 0;
  const report = (issue: FieldIssue) => {
    if (++cellIssues <= MAX_CELL_ISSUES) issues.push(issue);
  };
  matrix.forEach((row, i) => {
    if (row.length !== size) {
      issues.push({
        path: `matrix.${i}`,
        code: 'not_square',
        message: `row ${i} has ${row.length} cells; every row needs ${size} (one per ${noun})`,
      });
      return;
    }
    row.forEach((cell, j) => visit(cell, i, j, report));
  });
  if (cellIssues > MAX_CELL_ISSUES) {
    issues.push({
      path: 'matrix',
      code: 'too_many_issues',
      message: `${cellIssues - MAX_CELL_ISSUES} more cells have the same kind of problem`,
    });
  }
}
