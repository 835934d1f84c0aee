import type { Command } from 'commander';
import {
  formatOption,
  printJson,
  readThrough,
  withCommonOptions,
  withServices,
  type CommonOptions,
} from '../cli-kit.ts';
import type { WorkshopReport, WorkshopStatus } from './contract.ts';

/**
 * `cxloop workshops create|status|report`. Declarations only: the service, the analyses and the
 * printing are imported when a command runs, so `cxloop --help` stays light.
 */

const list = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
const int = (text: string) => Number.parseInt(text, 10);

export function register(program: Command): void {
  const workshops = program
    .command('workshops')
    .description(
      'journey-mapping workshops: the team judges its touchpoints, the report sets the judgements against the data',
    );

  withCommonOptions(workshops.command('create'))
    .description('create a workshop and print its join link (shown once)')
    .requiredOption('--name <name>', 'what the participants see')
    .option('--id <id>', 'the workshop id (default: made from the name)')
    .option(
      '--touchpoints <ids>',
      'comma-separated touchpoint ids (default: every touchpoint of the map)',
      list,
    )
    .option('--seats <n>', 'how many participants can join (default 5)', int)
    .option('--coverage <k>', 'how many participants judge each pair (default 2)', int)
    .option('--from <date>', 'start of the customers’ data compared with (default: a year before --to)')
    .option('--to <date>', 'end of that period (default: now)')
    .addOption(formatOption())
    .action(
      async (
        options: CommonOptions & {
          name: string;
          id?: string;
          touchpoints?: string[];
          seats?: number;
          coverage?: number;
          from?: string;
          to?: string;
          format: string;
        },
      ) => {
        const { format, db: _db, workspace: _ws, ...request } = options;
        const created = await withServices(options, (services, workspace) =>
          services.workshops.create(workspace.id, request),
        );
        if (format === 'json') return printJson(created);
        const w = created.workshop;
        process.stdout.write(
          [
            `Workshop "${w.name}" (${w.id}): ${w.touchpoints.length} touchpoints, ${w.pairs} ordered pairs, ${w.seats} seats, each pair judged by ${w.coverage}.`,
            `Compared with customers' data from ${w.window.from} to ${w.window.to}.`,
            `Participants open: <server address>${created.joinPath}`,
            'The link is shown once (only its hash is stored); `POST /v1/workshops/<id>/link` makes a new one.',
            '',
          ].join('\n'),
        );
      },
    );

  withCommonOptions(workshops.command('status <id>'))
    .description('who has joined and finished, and how many pairs have k judgements')
    .addOption(formatOption())
    .action(async (id: string, options: CommonOptions & { format: string }) => {
      const { answer } = await readThrough<WorkshopStatus>(
        options,
        (services, workspaceId) => services.workshops.status(workspaceId, id),
        { method: 'GET', path: `/v1/workshops/${encodeURIComponent(id)}` },
      );
      if (options.format === 'json') return printJson(answer);
      const { statusText } = await import('./cli-print.ts');
      process.stdout.write(statusText(answer));
    });

  withCommonOptions(workshops.command('report <id>'))
    .description(
      'the report: agreement, disagreements, beliefs the data contradicts (with intervals), quadrants',
    )
    .addOption(formatOption(['json', 'table', 'csv']))
    .action(async (id: string, options: CommonOptions & { format: string }) => {
      const { answer } = await readThrough<WorkshopReport>(
        options,
        async (services, workspaceId) =>
          (await import('./report.ts')).workshopReport(services, workspaceId, id),
        { method: 'GET', path: `/v1/workshops/${encodeURIComponent(id)}/report` },
      );
      if (options.format === 'json') return printJson(answer);
      if (options.format === 'csv') {
        process.stdout.write((await import('./report-csv.ts')).reportCsv(answer));
        return;
      }
      const { reportText } = await import('./cli-print.ts');
      process.stdout.write(reportText(answer));
    });
}
