import { Command } from 'commander';
import type { AnalyticsService } from './service.ts';
import { REPORT_FORMATS, type ReportFormat } from './report-formats.ts';
import { withCommonOptions, readThrough, type CommonOptions, formatOption } from '../cli-kit.ts';

/**
 * `cxloop report <name> --from ... --to ...`: the analytics reports, a contract other tools call.
 * Options carry the HTTP query names in kebab case (--min-n is minN) and go through the same
 * schemas, so a bad value fails the same way and `--format json` prints exactly the HTTP reply.
 * While a server holds the database, the report is that HTTP reply.
 */

type Call = Exclude<keyof AnalyticsService, 'constructor'>;

interface ReportSpec {
  name: string;
  call: Call;
  description: string;
  /** options besides --from, --to and --format: flags and their help */
  options: [string, string][];
}

const METRIC = ['--metric <list>', 'only these metrics: nps, csat, ces, rating (comma-separated)'] as [
  string,
  string,
];
const TOUCHPOINT = ['--touchpoint <list>', 'only these touchpoints (comma-separated ids)'] as [
  string,
  string,
];
const MIN_N = ['--min-n <n>', 'fewest responses for a score not flagged insufficient (default 30)'] as [
  string,
  string,
];
const BY = [
  '--by <list>',
  'group by touchpoint, stage, phase, channel or trait:<name> (comma-separated)',
] as [string, string];

const REPORTS: ReportSpec[] = [
  {
    name: 'scores',
    call: 'scores',
    description: 'NPS, CSAT, CES and ratings with n and 95 % intervals per group and period',
    options: [
      BY,
      ['--interval <bucket>', 'day, week or month (UTC; weeks start on Monday)'],
      METRIC,
      TOUCHPOINT,
      MIN_N,
    ],
  },
  {
    name: 'compare',
    call: 'compare',
    description:
      'change between periods (default: the window before), segments, or with and without a failure',
    options: [
      BY,
      METRIC,
      TOUCHPOINT,
      MIN_N,
      ['--alpha <p>', 'significance level (default 0.05)'],
      ['--baseline-from <date>', 'start of the baseline window'],
      ['--baseline-to <date>', 'end of the baseline window'],
      ['--segment <trait>', 'compare two values of trait:<name> (with --a and --b)'],
      ['--a <value>', 'the reference segment value'],
      ['--b <value>', 'the segment value compared with it'],
      ['--failure <id>', 'a failure of the journey map: responses after it against the rest'],
      ['--follow-days <n>', 'with --failure: how many days after it a response counts (default 7)'],
    ],
  },
  {
    name: 'funnel',
    call: 'funnel',
    description: 'ordered stage funnel: people per stage, conversion, drop-off, time between stages',
    options: [
      ['--stages <list>', 'the stages in order (default: every stage of the map)'],
      ['--by <breakdown>', 'channel (entry channel) or trait:<name>'],
    ],
  },
  {
    name: 'journey-time',
    call: 'journeyTime',
    description:
      'time spent buying (first touch to purchase) and owning (purchase to churn or last interaction)',
    options: [
      ['--lookback-days <n>', 'people active this many days before the window are left out (default 365)'],
    ],
  },
  {
    name: 'retention',
    call: 'retention',
    description: 'monthly retention cohorts, repeat purchase rate and churn rate',
    options: [
      ['--churn-days <n>', 'no activity for this many days is churn (default 90)'],
      ['--activity <kind>', 'what counts as active: any or purchase (default any)'],
      ['--lookback-days <n>', 'people active this many days before the window are not new (default 365)'],
    ],
  },
  {
    name: 'pain-points',
    call: 'painPoints',
    description: 'touchpoints ranked by pain, with the customers affected and the evidence behind each rank',
    options: [
      ['--follow-days <n>', 'days after a touchpoint in which support contacts count (default 14)'],
      ['--churn-days <n>', 'no activity for this many days is churn (default 90)'],
      ['--support <list>', 'support touchpoints (default: those named support)'],
      MIN_N,
      ['--alpha <p>', 'significance level (default 0.05)'],
      ['--limit <n>', 'most pain points listed'],
    ],
  },
];

export function register(program: Command): void {
  const report = program
    .command('report')
    .description(
      'measure: scores, comparisons, funnel, journey time, retention, pain points (--format json|table|csv)',
    );
  for (const spec of REPORTS) {
    const command = withCommonOptions(
      report
        .command(spec.name)
        .description(spec.description)
        .requiredOption('--from <date>', 'start of the window: YYYY-MM-DD or an ISO timestamp')
        .requiredOption('--to <date>', 'end of the window: a date includes that whole day'),
    );
    for (const [flags, help] of spec.options) command.option(flags, help);
    command
      .addOption(formatOption(REPORT_FORMATS))
      .action(async (options: CommonOptions & { format: ReportFormat } & Record<string, string>) => {
        const { db: _db, workspace: _workspace, format, ...query } = options;
        const { answer } = await readThrough<object>(
          options,
          async (services, workspaceId) => {
            const { analyticsFor } = await import('./service.ts');
            return analyticsFor(services)[spec.call](workspaceId, query);
          },
          { method: 'GET', path: `/v1/analytics/${spec.name}`, query },
        );
        const { printReport } = await import('./cli-output.ts');
        printReport(spec.name, answer, format);
      });
  }
}
