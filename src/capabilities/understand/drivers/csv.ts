/**
 * Key-driver analysis straight from CSV files (a wide survey export: one row per respondent, one
 * column per rating). Streams each file through csv-parse, keeps only the chosen columns as numbers
 * in growable typed arrays, then hands them to the pure core. No database is involved.
 */
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import { analyzeDrivers } from '../../../core/drivers/analyze.ts';
import type {
  CategoricalColumn,
  DriverAnalysis,
  DriverColumn,
  DriverInput,
  DriverOptions,
  ExcludedDriver,
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
  /** Driver columns read as categorical even when their values are numbers (e.g. codes 1, 2, 3). */
  categorical?: readonly string[];
  /** Reference level per categorical column (default its most frequent level). */
  reference?: Readonly<Record<string, string>>;
}

/** More distinct values than this and a text column is an identifier or free text, not a category. */
export const MAX_LEVELS = 50;

export interface CsvSourceReport {
  files: { path: string; rows: number }[];
  positive: string | null;
  /** Rows whose outcome equalled `positive` (coded 1). */
  positiveRows: number | null;
  notApplicableCodes: number[];
  /** Cells that held text that is neither a number nor a missing-value spelling; read as missing. */
  invalid: { column: string; count: number; example: string }[];
  /** Driver columns read as categories (text values, or named with --categorical), with their levels. */
  categorical: { column: string; levels: string[]; reference: string | null; why: 'text' | 'declared' }[];
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
  /** Cells that held a number. */
  numbers: number;
}

/**
 * The distinct values of a driver column as level codes, kept beside the numbers while reading so a
 * column can be judged categorical once every row is in. Gives up (null codes) past MAX_LEVELS.
 */
class LevelColumn {
  readonly levels = new Map<string, number>();
  codes: GrowableColumn | null = new GrowableColumn();
  push(cell: string, missing: boolean): void {
    if (this.codes === null) return;
    if (missing) return this.codes.push(NaN);
    let code = this.levels.get(cell);
    if (code === undefined) {
      if (this.levels.size === MAX_LEVELS) {
        this.codes = null;
        return;
      }
      code = this.levels.size;
      this.levels.set(cell, code);
    }
    this.codes.push(code);
  }
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
  const cellStats: CellStats[] = wanted.map(() => ({ invalid: 0, example: '', numbers: 0 }));
  const levelColumns = drivers.map(() => new LevelColumn());
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
        for (let i = 1; i < index.length; i++) {
          const cell = record[index[i]!] ?? '';
          const x = toNumber(cell, cellStats[i]!);
          columns[i]!.push(x);
          if (x === x) cellStats[i]!.numbers++;
          const text = cell.trim();
          levelColumns[i - 1]!.push(text, x !== x && tokens.has(text.toLowerCase()));
        }
      });
    });
    files.push({ path, rows });
  }

  // A driver column is categorical when declared so, or when most of its values are text (Contract:
  // "Month-to-month"); a numeric column with a few stray words stays numeric and the words are counted.
  const forced = new Set(request.categorical ?? []);
  for (const name of forced) {
    if (!drivers.includes(name)) {
      throw new InputError([
        { path: 'categorical', code: 'not_a_driver', message: `"${name}" is not among the drivers` },
      ]);
    }
  }
  const numericDrivers: DriverColumn[] = [];
  const categorical: CategoricalColumn[] = [];
  const categoricalReport: CsvSourceReport['categorical'] = [];
  const preExcluded: ExcludedDriver[] = [];
  drivers.forEach((name, j) => {
    const stats = cellStats[j + 1]!;
    const isText = stats.invalid > stats.numbers;
    if (!forced.has(name) && !isText) {
      numericDrivers.push({
        name,
        values: columns[j + 1]!.values(),
        ...(codes.length > 0 ? { notApplicable: codes } : {}),
      });
      return;
    }
    const levelColumn = levelColumns[j]!;
    if (levelColumn.codes === null) {
      preExcluded.push({
        name,
        reason: 'too-many-levels',
        message: `"${name}" has more than ${MAX_LEVELS} distinct values: an identifier or free text, not a category`,
      });
      return;
    }
    // Levels in a stable, readable order; codes are remapped to it.
    const found = [...levelColumn.levels.keys()];
    const sorted = [...found].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    const remap = found.map((level) => sorted.indexOf(level));
    const raw = levelColumn.codes.values();
    const reference = request.reference?.[name];
    categorical.push({
      name,
      codes: Float64Array.from(raw, (c) => (c === c ? remap[c]! : NaN)),
      levels: sorted,
      ...(reference === undefined ? {} : { reference }),
    });
    categoricalReport.push({
      column: name,
      levels: sorted,
      reference: reference ?? null,
      why: forced.has(name) ? 'declared' : 'text',
    });
  });
  for (const name of Object.keys(request.reference ?? {})) {
    if (!categorical.some((c) => c.name === name)) {
      throw new InputError([
        { path: 'reference', code: 'not_categorical', message: `"${name}" is not a categorical driver` },
      ]);
    }
  }
  const input: DriverInput = {
    outcome: { name: outcome, values: columns[0]!.values() },
    drivers: numericDrivers,
    categorical,
    excluded: preExcluded,
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
    if (
      c.column !== outcome &&
      !categorical.some((k) => k.name === c.column) &&
      !preExcluded.some((e) => e.name === c.column)
    ) {
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
      invalid: invalid.filter((c) => !categorical.some((k) => k.name === c.column)),
      categorical: categoricalReport,
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
