import { Command } from 'commander';
import type { JourneyMap } from '../../core/journey/schema.ts';
import {
  printJson,
  readThrough,
  withCommonOptions,
  withServices,
  type CommonOptions,
  formatOption,
} from '../cli-kit.ts';
import { DomainError } from '../../platform/errors.ts';
import type { CustomerStage, StageCounts } from './contract.ts';
import { customerStage, stageCounts } from './current-stage.ts';

/** The stable JSON shape of `journey show`: stages in order, each with its touchpoints. */
export function journeyView(map: JourneyMap) {
  return {
    name: map.name,
    stages: map.stages.map((s) => ({
      id: s.id,
      name: s.name,
      phase: s.phase,
      touchpoints: s.touchpoints.map((t) => ({
        id: t.id,
        name: t.name,
        channel: t.channel,
        ...(t.owner ? { owner: t.owner } : {}),
      })),
    })),
  };
}

function parseRemap(values: string[]): Record<string, string> {
  const remap: Record<string, string> = {};
  for (const value of values) {
    const [from, to, extra] = value.split('=');
    if (!from || !to || extra !== undefined)
      throw new DomainError('invalid', `--remap takes OLD=NEW, got "${value}"`);
    remap[from] = to;
  }
  return remap;
}

export function register(program: Command) {
  const journey = program
    .command('journey')
    .description('the journey map: stages, touchpoints and event rules');

  withCommonOptions(journey.command('show'))
    .description('print the journey map')
    .addOption(formatOption())
    .action(async (options: CommonOptions & { format: string }) => {
      const { answer: map, workspace } = await readThrough<JourneyMap>(
        options,
        async (services, workspaceId) => (await services.journeys.get(workspaceId)).map,
        { method: 'GET', path: '/v1/journey' },
      );
      if (options.format === 'json') return printJson(journeyView(map));
      process.stdout.write(`${map.name} (workspace ${workspace})\n`);
      for (const stage of map.stages) {
        process.stdout.write(`\n${stage.name} [${stage.id}, ${stage.phase}]\n`);
        for (const t of stage.touchpoints)
          process.stdout.write(`  ${t.id.padEnd(20)} ${t.name} (${t.channel})\n`);
      }
    });

  withCommonOptions(journey.command('stages'))
    .description('how many customers are at each stage now (their current stage), and how many are stalled')
    .addOption(formatOption())
    .action(async (options: CommonOptions & { format: string }) => {
      const { answer } = await readThrough<StageCounts>(
        options,
        async (services, workspaceId) =>
          stageCounts(
            services.store,
            workspaceId,
            (await services.journeys.get(workspaceId)).map,
            services.now(),
          ),
        { method: 'GET', path: '/v1/journey/stages/current' },
      );
      if (options.format === 'json') return printJson(answer);
      const { stageTable } = await import('./cli-print.ts');
      process.stdout.write(stageTable(answer));
    });

  withCommonOptions(journey.command('customer <id>'))
    .description("a customer's current stage and whether they are stalled there")
    .addOption(formatOption())
    .action(async (id: string, options: CommonOptions & { format: string }) => {
      // The server answers with the timeline's first page, which carries the stage.
      const { answer } = await readThrough<{ stage: CustomerStage | null }>(
        options,
        async (services, workspaceId) => ({
          stage: await customerStage(
            services.store,
            workspaceId,
            (await services.journeys.get(workspaceId)).map,
            services.now(),
            id,
          ),
        }),
        { method: 'GET', path: `/v1/customers/${encodeURIComponent(id)}/timeline`, query: { limit: '1' } },
      );
      if (options.format === 'json') return printJson(answer.stage);
      const { stageLine } = await import('./cli-print.ts');
      process.stdout.write(`${id}: ${stageLine(answer.stage)}\n`);
    });

  withCommonOptions(journey.command('set <file>'))
    .description('replace the journey map with a YAML or JSON file')
    .option('--remap <old=new...>', 'move stored data of a dropped touchpoint to another one', [])
    .action(async (file: string, options: CommonOptions & { remap: string[] }) => {
      const { readJourneyFile } = await import('./templates.ts');
      const map = readJourneyFile(file);
      const remap = parseRemap(options.remap);
      await withServices(options, async (services, workspace) => {
        await services.journeys.set(workspace.id, map, services.now(), remap);
        const touchpoints = map.stages.reduce((n, s) => n + s.touchpoints.length, 0);
        process.stdout.write(
          `journey map set for ${workspace.id}: ${map.stages.length} stages, ${touchpoints} touchpoints\n`,
        );
      });
    });
}
