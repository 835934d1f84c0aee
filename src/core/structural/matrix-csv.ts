import { parse } from 'csv-parse/sync';
import type { FieldIssue } from '../issues.ts';
import { POTENTIAL } from './matrix-input.ts';

export type CsvMatrixResult =
  | { ok: true; input: { variables: string[]; matrix: (number | string)[][] } }
  | { ok: false; issues: FieldIssue[] };

/** Spreadsheets in some locales save with ";" or tabs; the header line says which one was used. */
function delimiterOf(text: string): string {
  const header = text.split(/\r?\n/, 1)[0] ?? '';
  const candidates = [',', ';', '\t'];
  return candidates.reduce((best, c) => (header.split(c).length > header.split(best).length ? c : best), ',');
}

/**
 * Reads an influence matrix saved as CSV: a header row of names (its first cell, the corner, is
 * ignored), then one row per variable starting with its name. A blank cell means no influence, as
 * in a spreadsheet. Cells are passed on as read, so the matrix checks report a bad one at
 * `matrix.<row>.<column>` exactly as for JSON input.
 */
export function parseMatrixCsv(text: string): CsvMatrixResult {
  let rows: string[][];
  try {
    rows = parse(text, {
      delimiter: delimiterOf(text),
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
    });
  } catch (error) {
    return { ok: false, issues: [{ path: 'csv', code: 'invalid_csv', message: (error as Error).message }] };
  }
  const [header, ...body] = rows;
  if (!header || header.length < 2) {
    return {
      ok: false,
      issues: [
        {
          path: 'csv',
          code: 'no_header',
          message: 'the first row must hold a corner cell and the variable names',
        },
      ],
    };
  }
  const variables = header.slice(1);
  const issues: FieldIssue[] = [];
  const matrix = body.map((row, i) => {
    const [name = '', ...cells] = row;
    if (name !== variables[i]) {
      issues.push({
        path: `variables.${i}`,
        code: 'row_name_mismatch',
        message: `row ${i + 1} is named "${name}" but column ${i + 1} is "${variables[i] ?? ''}"; rows and columns list the variables in the same order`,
      });
    }
    return cells.map((cell): number | string => {
      if (cell === '') return 0;
      if (cell.toUpperCase() === POTENTIAL) return POTENTIAL;
      const value = Number(cell);
      return Number.isFinite(value) ? value : cell;
    });
  });
  return issues.length ? { ok: false, issues } : { ok: true, input: { variables, matrix } };
}

function quote(cell: string): string {
  return /[",;\t\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** Writes the layout `parseMatrixCsv` reads, so an export opens in a spreadsheet and reads back unchanged. */
export function formatMatrixCsv(
  variables: readonly string[],
  matrix: readonly (readonly (number | string)[])[],
): string {
  const lines = [['', ...variables], ...matrix.map((row, i) => [variables[i] ?? '', ...row.map(String)])];
  return lines.map((line) => line.map(quote).join(',')).join('\n') + '\n';
}
