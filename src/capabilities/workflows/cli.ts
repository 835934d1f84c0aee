import { Command } from 'commander';
import type { Workflow } from '../../core/workflows/definition.ts';
import type { DryRunReply, ResultsReply } from './contract.ts';
import {
  formatOption,
  printJson,
  printTable,
  readThrough,
  withCommonOptions,
  withServices,
  type CommonOptions,
} from '../cli-kit.ts';

type Format = CommonOptions & { format: string };
const percent = (x: number | null) => (x === null ? 'n/a' : `${(x * 100).toFixed(1)} %`);

export function register(program: Command) {
  const workflows = program
    .command('workflows')
    .description('workflows: definitions from YAML, dry runs, results against the holdout');

  withCommonOptions(workflows.command('apply <paths...>'))
    .description('create or replace workflows from YAML or JSON files, or every such file of a folder')
    .action(async (paths: string[], options: CommonOptions) => {
      const { readWorkflowFile, workflowFiles } = await import('./definitions.ts');
      const inputs = paths.flatMap(workflowFiles).map((file) => ({ file, input: readWorkflowFile(file) }));
      await withServices(options, async (services, workspace) => {
        for (const { file, input } of inputs) {
          const w = await services.workflows.definitions
            .save(workspace.id, input, services.now())
            .catch((error: unknown) => {
              if (error instanceof Error) error.message = `${file}: ${error.message}`;
              throw error;
            });
          const trigger = w.trigger.event ?? `stage ${w.trigger.stage}`;
          process.stdout.write(
            `workflow ${w.id} saved (${w.active ? 'active' : 'inactive'}, ${w.purpose}): ${w.steps.length} steps, trigger ${trigger}, holdout ${w.holdout * 100} %\n`,
          );
        }
      });
    });

  withCommonOptions(workflows.command('list'))
    .description('list the workflows')
    .addOption(formatOption())
    .action(async (options: Format) => {
      const { answer } = await readThrough<{ workflows: Workflow[] }>(
        options,
        async (services, workspaceId) => ({
          workflows: await services.workflows.definitions.list(workspaceId),
        }),
        { method: 'GET', path: '/v1/workflows' },
      );
      if (options.format === 'json') return printJson(answer.workflows);
      printTable(
        answer.workflows.map((w) => ({
          id: w.id,
          name: w.name,
          active: w.active,
          purpose: w.purpose,
          trigger: w.trigger.event ?? `stage:${w.trigger.stage}`,
          steps: w.steps.length,
          holdout: `${w.holdout * 100} %`,
        })),
      );
    });

  withCommonOptions(workflows.command('show <id>'))
    .description('print one workflow as stored')
    .action(async (id: string, options: CommonOptions) => {
      const { answer } = await readThrough<Workflow>(
        options,
        (services, workspaceId) => services.workflows.require(workspaceId, id),
        { method: 'GET', path: `/v1/workflows/${encodeURIComponent(id)}` },
      );
      printJson(answer);
    });

  withCommonOptions(workflows.command('dry-run <id>'))
    .description('what the workflow would do for one customer now, and why (sends nothing)')
    .requiredOption('--customer <id>', 'the customer')
    .addOption(formatOption())
    .action(async (id: string, options: Format & { customer: string }) => {
      const { answer } = await readThrough<DryRunReply>(
        options,
        (services, workspaceId) => services.workflows.dryRun(workspaceId, id, options.customer),
        {
          method: 'POST',
          path: `/v1/workflows/${encodeURIComponent(id)}/dry-run`,
          body: { customerId: options.customer },
        },
      );
      if (options.format === 'json') return printJson(answer);
      process.stdout.write(`${answer.enters ? 'enters' : 'does not enter'}: ${answer.why}\n`);
      printTable(
        answer.steps.map((s) => ({
          step: s.step,
          type: s.type,
          would: s.would,
          subject: s.preview?.subject ?? '',
        })),
      );
    });

  withCommonOptions(workflows.command('results <id>'))
    .description('runs per status and step; goal conversion and feedback of entrants against the holdout')
    .addOption(formatOption())
    .action(async (id: string, options: Format) => {
      const { answer: r } = await readThrough<ResultsReply>(
        options,
        async (services, workspaceId) => {
          const results = await services.workflows.results(workspaceId, id);
          const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
          return {
            ...results,
            population: {
              ...results.population,
              from: iso(results.population.from),
              to: iso(results.population.to),
            },
          };
        },
        { method: 'GET', path: `/v1/workflows/${encodeURIComponent(id)}/results` },
      );
      if (options.format === 'json') return printJson(r);
      process.stdout.write(
        `${r.workflow}: ${r.entered} runs entered ${r.population.from ?? ''} to ${r.population.to ?? ''} (${r.holdout} in the holdout)\n`,
      );
      printTable(Object.entries(r.byStatus).map(([status, runs]) => ({ status, runs })));
      process.stdout.write('\n');
      printTable(r.steps.map((s) => ({ step: s.step, ...s.outcomes })));
      if (r.goal) {
        const g = r.goal;
        const interval = g.interval ? `${percent(g.interval[0])} to ${percent(g.interval[1])}` : 'n/a';
        process.stdout.write(
          `\ngoal ${g.event}: entrants ${g.treated.converted}/${g.treated.entered} (${percent(g.treated.rate)}), ` +
            `holdout ${g.holdout.converted}/${g.holdout.entered} (${percent(g.holdout.rate)}); ` +
            `difference ${percent(g.difference)}, 95 % interval ${interval}: ${g.verdict.replace('_', ' ')}\n`,
        );
      }
    });
}
