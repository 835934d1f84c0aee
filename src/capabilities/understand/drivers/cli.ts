import { Command, Option } from 'commander';
import type { ThresholdRule } from '../../../core/drivers/quadrants.ts';
import type { DriverAnalysis, DriverOptions } from '../../../core/drivers/types.ts';
import type { CsvDriverAnalysis } from './csv.ts';
import {
  CliError,
  printJson,
  printTable,
  withCommonOptions,
  type CommonOptions,
  formatOption,
} from '../../cli-kit.ts';

/**
 * `cxloop analyze drivers --csv FILE ...`: key-driver analysis of a wide survey export. Reads the
 * files directly (no database is opened), so it also works on a machine where a server holds the
 * database. The stored-data mode (--from/--to) is a separate entry point over the same core.
 */

export interface DriversCliOptions extends CommonOptions {
  from?: string;
  to?: string;
  followUntil?: string;
  minCoverage?: string;
  csv: string[];
  outcome: string;
  positive?: string;
  drivers: string[];
  na: string[];
  threshold: string;
  importanceThreshold?: string;
  importance: 'lmg' | 'relative-weight';
  minN?: string;
  maxDrivers?: string;
  format: 'json' | 'table';
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** Splits "a,b,c" lists (possibly given several times) into trimmed names. */
export function list(values: readonly string[]): string[] {
  return values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

export function parseRule(flag: string, value: string): ThresholdRule {
  if (value === 'mean' || value === 'median') return value;
  const x = Number(value);
  if (value.trim() === '' || !Number.isFinite(x)) {
    throw new CliError(`${flag} takes mean, median or a number, got "${value}"`, 2);
  }
  return x;
}

export function parseCount(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const x = Number(value);
  if (!Number.isInteger(x) || x < 1)
    throw new CliError(`${flag} takes a positive whole number, got "${value}"`, 2);
  return x;
}

const fmt = (x: number, digits = 3): string =>
  Math.abs(x) < 1e-4 && x !== 0 ? x.toExponential(1) : x.toFixed(digits);
/** p-values below the double range underflow to 0; say "<" rather than print a false exact zero. */
const formatP = (p: number): string =>
  p === 0 ? '< 1e-300' : p < 0.001 ? `= ${p.toExponential(2)}` : `= ${p.toFixed(3)}`;
const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

export function printReadable(result: DriverAnalysis & { source?: CsvDriverAnalysis['source'] }): void {
  const out = (line = ''): void => void process.stdout.write(line + '\n');
  const hints = (): void => result.source?.hints.forEach((h) => out(`hint: ${h}`));
  if (!result.ok) {
    out(`cannot analyse "${result.outcome}": ${result.error.message} [${result.error.code}]`);
    out(`rows read: ${result.rowsRead}, complete rows: ${result.n}`);
    for (const e of result.excluded) out(`excluded: ${e.message}`);
    hints();
    return;
  }
  const kind = result.outcomeKind === 'binary' ? 'binary 0/1, linear probability model' : 'numeric';
  out(`Key drivers of "${result.outcome}" (${kind})`);
  out(
    `n = ${result.n} of ${result.rowsRead} rows; R² = ${fmt(result.r2)} (adjusted ${fmt(result.adjustedR2)}); ` +
      `F(${result.fTest.df1}, ${result.fTest.df2}) = ${result.fTest.f === null ? '∞' : result.fTest.f.toFixed(1)}, p ${formatP(result.fTest.p)}`,
  );
  out();
  printTable(
    result.drivers.map((d) => ({
      rank: d.rank,
      driver: d.name,
      'LMG share': pct(d.lmgShare),
      'RW share': pct(d.relativeWeightShare),
      LMG: fmt(d.lmg, 4),
      beta: fmt(d.beta),
      p: d.p < 0.001 ? '<0.001' : d.p.toFixed(3),
      r: fmt(d.r),
      mean: d.mean.toFixed(2),
      quadrant: d.quadrant,
    })),
  );
  const t = result.quadrants.thresholds;
  out();
  out(
    `quadrants: importance = ${result.quadrants.importance} (cut ${t.importance.rule} ${fmt(t.importance.value, 4)}), ` +
      `performance = mean score (cut ${t.performance.rule} ${fmt(t.performance.value)})`,
  );
  for (const e of result.excluded) out(`excluded: ${e.message}`);
  for (const n of result.notes) out(`note: ${n}`);
  for (const w of result.warnings) out(`warning: ${w}`);
  hints();
}

export function register(analyze: Command): void {
  withCommonOptions(analyze.command('drivers'))
    .description('key-driver analysis: exact LMG (Shapley R²), relative weights, dominance, betas, quadrants')
    .option('--csv <file>', 'CSV file with a header row (repeat to combine files)', collect, [])
    .option('--from <date>', 'stored-data mode: start of the window (YYYY-MM-DD or ISO-8601)')
    .option('--to <date>', 'stored-data mode: end of the window (a date includes that day)')
    .option(
      '--follow-until <date>',
      'stored-data mode: look for purchases and churn until here (default --to)',
    )
    .option(
      '--min-coverage <share>',
      'stored-data mode: drivers scored by at least this share of customers (0.5)',
    )
    .requiredOption(
      '--outcome <column>',
      'outcome column; stored data: nps, csat@TOUCHPOINT, repeat-purchase, churn ...',
    )
    .option('--positive <value>', 'code the outcome 1 where it equals VALUE, 0 elsewhere')
    .option(
      '--drivers <columns>',
      'driver columns (stored data: touchpoint ids), comma-separated',
      collect,
      [],
    )
    .option(
      '--na <value>',
      'value meaning "not applicable" in driver columns, read as missing (repeatable)',
      collect,
      [],
    )
    .option('--threshold <rule>', 'performance cut-off for the quadrants: mean, median or a number', 'mean')
    .option(
      '--importance-threshold <rule>',
      'importance cut-off: mean, median or a share (default: as --threshold)',
    )
    .addOption(
      new Option('--importance <measure>', 'importance axis of the quadrants')
        .choices(['lmg', 'relative-weight'])
        .default('lmg'),
    )
    .option('--min-n <n>', 'fewest complete rows accepted (default 30)')
    .option('--max-drivers <n>', 'most drivers for the exact LMG (default 20, at most 24)')
    .addOption(formatOption())
    .action(async (options: DriversCliOptions) => {
      if (options.from !== undefined || options.to !== undefined)
        return (await import('./cli-stored.ts')).runStoredDrivers(options);
      if (options.csv.length === 0)
        throw new CliError('--csv FILE (or --from and --to for stored data) is required', 2);
      const drivers = list(options.drivers);
      if (drivers.length === 0) throw new CliError('--drivers is required with --csv', 2);
      const minN = parseCount('--min-n', options.minN);
      const maxDrivers = parseCount('--max-drivers', options.maxDrivers);
      const analysisOptions: DriverOptions = {
        threshold: parseRule('--threshold', options.threshold),
        importance: options.importance === 'relative-weight' ? 'relativeWeight' : 'lmg',
        ...(options.importanceThreshold === undefined
          ? {}
          : { importanceThreshold: parseRule('--importance-threshold', options.importanceThreshold) }),
        ...(minN === undefined ? {} : { minN }),
        ...(maxDrivers === undefined ? {} : { maxDrivers }),
      };
      const { analyzeCsvDrivers } = await import('./csv.ts');
      const result = await analyzeCsvDrivers(
        {
          files: options.csv,
          outcome: options.outcome,
          ...(options.positive === undefined ? {} : { positive: options.positive }),
          drivers,
          na: list(options.na),
        },
        analysisOptions,
      );
      if (options.format === 'json') printJson(result);
      else printReadable(result);
      // The answer is printed either way (it says why); the exit code tells scripts it is not a result.
      if (!result.ok) process.exitCode = 1;
    });
}
