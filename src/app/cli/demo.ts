import type { Command } from 'commander';
import { withCommonOptions, withServices, type CommonOptions } from '../../capabilities/cli-kit.ts';

export function register(program: Command) {
  withCommonOptions(program.command('demo'))
    .description('generate the demo data set (a retail shop, seeded and deterministic) into the workspace')
    .option('--customers <n>', 'number of customers', (v) => Number.parseInt(v, 10), 20_000)
    .option('--months <n>', 'months of history ending now', (v) => Number.parseInt(v, 10), 12)
    .option('--seed <n>', 'random seed', (v) => Number.parseInt(v, 10), 1)
    .action(async (options: CommonOptions & { customers: number; months: number; seed: number }) => {
      const { loadDemo } = await import('../demo/load.ts');
      const { phaseProgress } = await import('../../platform/cli/phase-progress.ts');
      await withServices(options, async (services, workspace) => {
        const bar = phaseProgress({ generating: 'generating demo data', storing: 'storing demo data' });
        const result = await loadDemo(services, workspace.id, { ...options, onProgress: bar.update });
        bar.stop();
        process.stdout.write(
          `demo data in workspace ${workspace.id}: ${result.customers} customers, ${result.events} events, ` +
            `${result.feedback} feedback responses (${result.stored} stored, ${result.duplicates} already there)\n`,
        );
      });
    });
}
