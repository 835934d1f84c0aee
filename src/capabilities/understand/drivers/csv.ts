/**
 * Key-driver analysis straight from CSV files (a wide survey export: one row per respondent, one
 * column per rating). Streams each file through csv-parse, keeps only the chosen columns as numbers
 * in growable typed arrays, then hands them to the pure core. No database is involved.
 */
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import { analyzeDrivers } from '../../../core/drivers/analyze.ts';
import type {
  DriverAnalysis,
  DriverColumn,
  DriverInput,
  DriverOptions,
} from '../../../core/drivers/types.ts';
import { InputError, type FieldIssue } from '../../../core/issues.ts';

export interface CsvDriverRequest {
  /** One or more CSV files with a header row; columns are matched by name in each. */
  files: readonly string[];
  outcome: string;
  /** When set, the outcome is 1 where the (trimmed) cell equals this value and 0 elsewhere. */
  positive?: string;
  drivers: readonly string[];
  /**
   * "Not applicable" values in the driver columns. Numeric codes (e.g. "0") are passed to the core
   * and reported per column as not applicable; text tokens (e.g. "N/A") are read as missing.
   */
  na?: readonly string[];
}

export interface CsvSourceReport {
  files: { path: string; rows: number }[];
  positive: string | null;
  /** Rows whose outcome equalled `positive` (coded 1). */
  positiveRows: number | null;
  notApplicableCodes: number[];
  /** Cells that held text that is neither a number nor a missing-value spelling; read as missing. */
  invalid: { column: string; count: number; example: string }[];
  hints: string[];
}

export interface CsvDriverColumns {
  input: DriverInput;
  source: CsvSourceReport;
}

export type CsvDriverAnalysis = DriverAnalysis & { source: CsvSourceReport };

/** Spellings of an empty answer that exports commonly use; read as missing, not as invalid. */
const MISSING_TOKENS = new Set(['', 'na', 'n/a', 'nan', 'null', 'none', '.']);

/** A Float64Array that doubles its capacity as rows arrive. */
class GrowableColumn {
  private data = new Float64Array(1 << 16);
  length = 0;
  push(x: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = x;
  }
  values(): Float64Array {
    return this.data.subarray(0, this.length);
  }
}

interface CellStats {
  invalid: number;
  example: string;
}

function parseNa(na: readonly string[] | undefined): { codes: number[]; tokens: Set<string> } {
  const codes: number[] = [];
  const tokens = new Set(MISSING_TOKENS);
  for (const raw of na ?? []) {
    const v = raw.trim();
    const x = Number(v);
    if (v !== '' && Number.isFinite(x)) codes.push(x);
    else tokens.add(v.toLowerCase());
  }
  return { codes, tokens };
}

/** Reads the chosen columns of every file into typed arrays. Throws InputError for unknown columns. */
export async function readCsvDriverColumns(request: CsvDriverRequest): Promise<CsvDriverColumns> {
  const { outcome, positive, drivers } = request;
  if (request.files.length === 0)
    throw new InputError([{ path: 'csv', code: 'required', message: 'no CSV file given' }]);
  const { codes, tokens } = parseNa(request.na);
  const wanted = [outcome, ...drivers];
  const columns = wanted.map(() => new GrowableColumn());
  const cellStats: CellStats[] = wanted.map(() => ({ invalid: 0, example: '' }));
  const outcomeValues = new Map<string, number>();
  const files: CsvSourceReport['files'] = [];
  let positiveRows = 0;

  const toNumber = (cell: string, stats: CellStats): number => {
    const x = Number(cell);
    if (x === x && (x !== 0 || cell.trim() !== '')) return x; // Number('  ') is 0, not a value
    const token = cell.trim().toLowerCase();
    if (!tokens.has(token)) {
      if (stats.invalid++ === 0) stats.example = cell;
    }
    return NaN;
  };

  for (const path of request.files) {
    let index: number[] | null = null;
    let rows = 0;
    const parser = createReadStream(path, { highWaterMark: 1 << 20 }).pipe(
      parse({ bom: true, relax_quotes: true, skip_empty_lines: true }),
    );
    await new Promise<void>((resolve, reject) => {
      parser.on('error', (error: Error) =>
        reject(
          new InputError([{ path: 'csv', code: 'unreadable_csv', message: `${path}: ${error.message}` }]),
        ),
      );
      parser.on('end', () => resolve());
      parser.on('data', (record: string[]) => {
        if (index === null) {
          const header = record.map((h) => h.trim());
          const issues: FieldIssue[] = [];
          index = wanted.map((name, i) => {
            const at = header.indexOf(name);
            if (at < 0) {
              issues.push({
                path: i === 0 ? 'outcome' : 'drivers',
                code: 'unknown_column',
                message: `${path} has no column "${name}"; its columns are: ${header.map((h) => `"${h}"`).join(', ')}`,
              });
            }
            return at;
          });
          if (issues.length > 0) {
            parser.destroy();
            reject(new InputError(issues));
          }
          return;
        }
        rows++;
        const cell0 = record[index[0]!] ?? '';
        if (positive !== undefined) {
          const v = cell0.trim();
          if (v === '') columns[0]!.push(NaN);
          else {
            const hit = v === positive ? 1 : 0;
            positiveRows += hit;
            columns[0]!.push(hit);
          }
          if (outcomeValues.size < 20 || outcomeValues.has(v))
            outcomeValues.set(v, (outcomeValues.get(v) ?? 0) + 1);
        } else {
          columns[0]!.push(toNumber(cell0, cellStats[0]!));
        }
        for (let i = 1; i < index.length; i++)
          columns[i]!.push(toNumber(record[index[i]!] ?? '', cellStats[i]!));
      });
    });
    files.push({ path, rows });
  }

  const input: DriverInput = {
    outcome: { name: outcome, values: columns[0]!.values() },
    drivers: drivers.map((name, j): DriverColumn => ({
      name,
      values: columns[j + 1]!.values(),
      ...(codes.length > 0 ? { notApplicable: codes } : {}),
    })),
  };

  const invalid = wanted
    .map((column, i) => ({ column, count: cellStats[i]!.invalid, example: cellStats[i]!.example }))
    .filter((c) => c.count > 0);
  const hints: string[] = [];
  const outcomeInvalid = invalid.find((c) => c.column === outcome);
  if (positive === undefined && outcomeInvalid) {
    hints.push(
      `the outcome "${outcome}" holds text such as "${outcomeInvalid.example}"; pass --positive VALUE to code it 1 where it equals VALUE and 0 elsewhere`,
    );
  }
  if (positive !== undefined && positiveRows === 0) {
    const seen = [...outcomeValues.keys()].filter((v) => v !== '').map((v) => `"${v}"`);
    hints.push(`no row has "${outcome}" equal to "${positive}"; values seen: ${seen.join(', ')}`);
  }
  for (const c of invalid) {
    if (c.column !== outcome) {
      hints.push(
        `${c.count} cells of "${c.column}" are not numbers (e.g. "${c.example}") and were read as missing`,
      );
    }
  }

  return {
    input,
    source: {
      files,
      positive: positive ?? null,
      positiveRows: positive === undefined ? null : positiveRows,
      notApplicableCodes: codes,
      invalid,
      hints,
    },
  };
}

/** Reads the files and runs the analysis; the source report rides along in the answer. */
export async function analyzeCsvDrivers(
  request: CsvDriverRequest,
  options: DriverOptions = {},
): Promise<CsvDriverAnalysis> {
  const { input, source } = await readCsvDriverColumns(request);
  return { ...analyzeDrivers(input, options), source };
}
