import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { Command } from 'commander';
import { parseSurveyText, readSurveyFile } from './definitions.ts';
import { surveyConfigFromEnv } from './config.ts';
import { smtpSender } from '../../platform/messaging/email.ts';
import {
  CliError,
  printJson,
  printTable,
  withCommonOptions,
  withServices,
  type CommonOptions,
  formatOption,
} from '../cli-kit.ts';

type Format = CommonOptions & { format: string };

export function register(program: Command) {
  const surveys = program
    .command('surveys')
    .description('surveys: definitions from YAML, results, the contact policy, delivery');

  withCommonOptions(surveys.command('apply <files...>'))
    .description(
      'create or replace surveys from YAML or JSON files (one survey, a list, or {surveys: [...]})',
    )
    .action(async (files: string[], options: CommonOptions) => {
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
      await withServices(options, async (services, workspace) => {
        const list = await services.surveys.definitions.list(workspace.id);
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
    });

  withCommonOptions(surveys.command('results <id>'))
    .description(
      'invitations, opens, starts, completions, response rate, drop-off, share skipped by the policy',
    )
    .addOption(formatOption())
    .action(async (id: string, options: Format) => {
      await withServices(options, async (services, workspace) => {
        const results = await services.surveys.results(workspace.id, id).catch((error: Error) => {
          throw new CliError(error.message, 1);
        });
        if (options.format === 'json') return printJson(results);
        const { questions, ...funnel } = results;
        printTable(Object.entries(funnel).map(([measure, value]) => ({ measure, value })));
        process.stdout.write('\n');
        printTable(questions.map(({ distribution, ...q }) => ({ ...q, distribution })));
      });
    });

  const policy = surveys.command('policy').description('the contact-pressure policy every survey shares');
  withCommonOptions(policy.command('show'))
    .description('print the policy (durations in milliseconds)')
    .action(async (options: CommonOptions) => {
      await withServices(options, async (services, workspace) =>
        printJson(await services.surveys.policies.get(workspace.id)),
      );
    });
  withCommonOptions(policy.command('set <file>'))
    .description('replace the policy from a YAML or JSON file')
    .action(async (file: string, options: CommonOptions) => {
      const input = parseSurveyText(readFileSync(file, 'utf8'), extname(file) === '.json' ? 'json' : 'yaml');
      await withServices(options, async (services, workspace) =>
        printJson(await services.surveys.policies.set(workspace.id, input, services.now())),
      );
    });

  withCommonOptions(surveys.command('dispatch'))
    .description(
      'send the invitations that are due once, when no server is running (SMTP from CXLOOP_SMTP_*)',
    )
    .requiredOption(
      '--public-url <url>',
      'base URL of the survey links (or CXLOOP_PUBLIC_URL)',
      process.env.CXLOOP_PUBLIC_URL,
    )
    .action(async (options: CommonOptions & { publicUrl: string }) => {
      const config = surveyConfigFromEnv(process.env);
      const email = smtpSender(config.smtp);
      await withServices(options, async (services) => {
        const dispatcher = services.surveys.dispatcher({ publicUrl: options.publicUrl, email });
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
