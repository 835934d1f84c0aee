import type { CibInput, InfluenceInput, MatrixCell } from '../api/types.ts';

/**
 * Matrices as people bring them: JSON as the API takes it, or for influence matrices a CSV with
 * a header row and column of names (the layout `cxloop analyze micmac --input FILE.csv` reads:
 * blank means 0, "P" a potential influence, ";" or tab separators from spreadsheets).
 * Range and shape checks stay with the server, which reports them cell by cell.
 */

export type Parsed<T> = { ok: true; input: T } | { ok: false; message: string };

function delimiterOf(text: string): string {
  const header = text.split(/\r?\n/, 1)[0] ?? '';
  return [',', ';', '\t'].reduce(
    (best, c) => (header.split(c).length > header.split(best).length ? c : best),
    ',',
  );
}

/** RFC 4180 fields: quotes may hold separators, line breaks and doubled quotes. */
export function parseCsvRows(text: string): string[][] {
  const delimiter = delimiterOf(text);
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      row.push(field.trim());
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && body[i + 1] === '\n') i++;
      row.push(field.trim());
      if (row.some((cell) => cell !== '')) rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  row.push(field.trim());
  if (row.some((cell) => cell !== '')) rows.push(row);
  return rows;
}

function cellOf(text: string): MatrixCell {
  if (text === '') return 0;
  if (text.toUpperCase() === 'P') return 'P';
  const value = Number(text);
  // Left as NaN so the server names the cell; JSON cannot carry NaN, so send it as text.
  return Number.isFinite(value) ? value : (text as unknown as number);
}

export function parseInfluenceText(text: string): Parsed<InfluenceInput> {
  const trimmed = text.trim();
  if (!trimmed) return { ok: false, message: 'paste or upload a matrix first' };
  if (trimmed.startsWith('{')) {
    try {
      const json = JSON.parse(trimmed) as Partial<InfluenceInput>;
      if (!Array.isArray(json.variables) || !Array.isArray(json.matrix)) {
        return { ok: false, message: 'the JSON needs "variables" and "matrix"' };
      }
      return { ok: true, input: { variables: json.variables, matrix: json.matrix } };
    } catch (error) {
      return { ok: false, message: `not valid JSON: ${(error as Error).message}` };
    }
  }
  const [header, ...body] = parseCsvRows(trimmed);
  if (!header || header.length < 2) {
    return { ok: false, message: 'the first CSV row must hold a corner cell and the variable names' };
  }
  const variables = header.slice(1);
  for (const [i, row] of body.entries()) {
    if (row[0] !== variables[i]) {
      return {
        ok: false,
        message: `row ${i + 1} is named "${row[0] ?? ''}" but column ${i + 1} is "${variables[i] ?? ''}"; rows and columns list the variables in the same order`,
      };
    }
  }
  return { ok: true, input: { variables, matrix: body.map((row) => row.slice(1).map(cellOf)) } };
}

export function parseCibText(text: string): Parsed<CibInput> {
  const trimmed = text.trim();
  if (!trimmed) return { ok: false, message: 'paste or upload a CIB matrix (JSON) first' };
  try {
    const json = JSON.parse(trimmed) as Partial<CibInput>;
    if (!Array.isArray(json.descriptors) || !Array.isArray(json.matrix)) {
      return { ok: false, message: 'the JSON needs "descriptors" and "matrix"' };
    }
    return { ok: true, input: { descriptors: json.descriptors, matrix: json.matrix } };
  } catch (error) {
    return { ok: false, message: `not valid JSON: ${(error as Error).message}` };
  }
}

const quote = (cell: string) => (/[",;\t\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);

export function influenceToCsv(input: InfluenceInput): string {
  const lines = [
    ['', ...input.variables],
    ...input.matrix.map((row, i) => [input.variables[i] ?? '', ...row.map(String)]),
  ];
  return lines.map((line) => line.map(quote).join(',')).join('\n') + '\n';
}

/** Offers text as a file download, named by the caller. */
export function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
