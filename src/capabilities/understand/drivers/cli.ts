import { Command, Option } from 'commander';
import type { DriverOptions } from '../../../core/drivers/types.ts';
import { collect, formatOption, list, printJson, withCommonOptions } from '../../cli-kit.ts';
import { DomainError } from '../../../platform/errors.ts';
import { parseCount, parseReferences, parseRule, type DriversCliOptions } from './cli-options.ts';
import { printReadable } from './cli-print.ts';

/**
 * `cxloop analyze drivers --csv FILE ...`: key-driver analysis of a wide survey export. Reads the
 * files directly (no database is opened), so it also works on a machine where a server holds the
 * database. The stored-data mode (--from/--to) is a separate entry point over the same core.
 */

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
    .option(
      '--categorical <columns>',
      'driver columns to read as categories even when they hold numbers (text columns always are)',
      collect,
      [],
    )
    .option('--reference <column=level>', 'reference level of a categorical driver (repeatable)', collect, [])
    .addOption(
      new Option(
        '--better <direction>',
        'which outcome values are better (churn: lower); default higher',
      ).choices(['higher', 'lower']),
    )
    .option(
      '--threshold <rule>',
      'performance cut-off for the quadrants: mean, median or a share of the scale (0-1)',
      'mean',
    )
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
        throw new DomainError('invalid', '--csv FILE (or --from and --to for stored data) is required');
      const drivers = list(options.drivers);
      if (drivers.length === 0) throw new DomainError('invalid', '--drivers is required with --csv');
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
        ...(options.better === undefined ? {} : { better: options.better }),
      };
      const { analyzeCsvDrivers } = await import('./csv.ts');
      const result = await analyzeCsvDrivers(
        {
          files: options.csv,
          outcome: options.outcome,
          ...(options.positive === undefined ? {} : { positive: options.positive }),
          drivers,
          na: list(options.na),
          categorical: list(options.categorical),
          reference: parseReferences(options.reference),
        },
        analysisOptions,
      );
      if (options.format === 'json') printJson(result);
      else printReadable(result);
      // The answer is printed either way (it says why); the exit code tells scripts it is not a result.
      if (!result.ok) process.exitCode = 1;
    });
}
