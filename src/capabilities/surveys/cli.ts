import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { Command } from 'commander';
import type { Survey } from '../../core/surveys/schema.ts';
import type { SurveyService } from './service.ts';
import {
  cliConfig,
  printJson,
  printTable,
  readThrough,
  withCommonOptions,
  withServices,
  type CommonOptions,
  formatOption,
} from '../cli-kit.ts';
import { DomainError } from '../../platform/errors.ts';

type Format = CommonOptions & { format: string };
type SurveyResults = Awaited<ReturnType<SurveyService['results']>>;
type ContactPolicy = Awaited<ReturnType<SurveyService['policies']['get']>>;

export function register(program: Command) {
  const surveys = program
    .command('surveys')
    .description('surveys: definitions from YAML, results, the contact policy, delivery');

  withCommonOptions(surveys.command('apply <files...>'))
    .description(
      'create or replace surveys from YAML or JSON files (one survey, a list, or {surveys: [...]})',
    )
    .action(async (files: string[], options: CommonOptions) => {
      const { readSurveyFile } = await import('./definitions.ts');
      const inputs = files.flatMap(readSurveyFile);
      await withServices(options, async (services, workspace) => {
        for (const input of inputs) {
          const survey = await services.surveys.definitions.save(workspace.id, input, services.now());
          process.stdout.write(
            `survey ${survey.id} saved: ${survey.questions.length} questions, ${survey.triggers.length} triggers, touchpoint ${survey.touchpoint}\n`,
          );
        }
      });
    });

  withCommonOptions(surveys.command('list'))
    .description('list the surveys')
    .addOption(formatOption())
    .action(async (options: Format) => {
      const { answer } = await readThrough<{ surveys: Survey[] }>(
        options,
        async (services, workspaceId) => ({ surveys: await services.surveys.definitions.list(workspaceId) }),
        { method: 'GET', path: '/v1/surveys' },
      );
      const list = answer.surveys;
      if (options.format === 'json') return printJson(list);
      printTable(
        list.map((s) => ({
          id: s.id,
          name: s.name,
          touchpoint: s.touchpoint,
          active: s.active,
          questions: s.questions.length,
          triggers: s.triggers.map((t) => t.event ?? `touchpoint:${t.touchpoint}`).join(', '),
        })),
      );
    });

  withCommonOptions(surveys.command('results <id>'))
    .description(
      'invitations, opens, starts, completions, response rate, drop-off, share skipped by the policy',
    )
    .addOption(formatOption())
    .action(async (id: string, options: Format) => {
      const { answer: results } = await readThrough<SurveyResults>(
        options,
        (services, workspaceId) => services.surveys.results(workspaceId, id),
        { method: 'GET', path: `/v1/surveys/${encodeURIComponent(id)}/results` },
      );
      if (options.format === 'json') return printJson(results);
      const { questions, ...funnel } = results;
      printTable(Object.entries(funnel).map(([measure, value]) => ({ measure, value })));
      process.stdout.write('\n');
      printTable(questions.map(({ distribution, ...q }) => ({ ...q, distribution })));
    });

  const policy = surveys.command('policy').description('the contact-pressure policy every survey shares');
  withCommonOptions(policy.command('show'))
    .description('print the policy (durations in milliseconds)')
    .action(async (options: CommonOptions) => {
      const { answer } = await readThrough<ContactPolicy>(
        options,
        (services, workspaceId) => services.surveys.policies.get(workspaceId),
        { method: 'GET', path: '/v1/contact-policy' },
      );
      printJson(answer);
    });
  withCommonOptions(policy.command('set <file>'))
    .description('replace the policy from a YAML or JSON file')
    .action(async (file: string, options: CommonOptions) => {
      const { parseSurveyText } = await import('./definitions.ts');
      const input = parseSurveyText(readFileSync(file, 'utf8'), extname(file) === '.json' ? 'json' : 'yaml');
      await withServices(options, async (services, workspace) =>
        printJson(await services.surveys.policies.set(workspace.id, input, services.now())),
      );
    });

  withCommonOptions(surveys.command('dispatch'))
    .description(
      'send the invitations that are due once, when no server is running (SMTP from CXLOOP_SMTP_*)',
    )
    .option('--public-url <url>', 'base URL of the survey links (default: $CXLOOP_PUBLIC_URL)')
    .action(async (options: CommonOptions & { publicUrl?: string }) => {
      const config = cliConfig().surveys;
      const publicUrl = options.publicUrl ?? config.publicUrl;
      if (publicUrl === undefined)
        throw new DomainError(
          'invalid',
          '--public-url (or CXLOOP_PUBLIC_URL) is required: the links need a base',
        );
      const { smtpSender } = await import('../../platform/messaging/email.ts');
      const email = smtpSender(config.smtp);
      await withServices(options, async (services) => {
        const dispatcher = services.surveys.dispatcher({ publicUrl, email });
        await dispatcher.recover();
        let report = await dispatcher.runOnce();
        const total = { ...report };
        while (report.claimed >= config.dispatch.batchSize) {
          report = await dispatcher.runOnce();
          for (const key of Object.keys(total) as (keyof typeof total)[]) total[key] += report[key];
        }
        printJson(total);
      });
      email?.close();
    });
}
