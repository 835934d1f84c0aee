import { Command, CommanderError } from 'commander';
import { InputError } from '../../core/issues.ts';
import * as demo from './demo.ts';
import * as importCommand from '../../capabilities/ingest/cli.ts';
import * as journey from '../../capabilities/journeys/cli.ts';
import * as keys from '../../capabilities/workspaces/cli.ts';
import * as serve from './serve.ts';
import * as surveys from '../../capabilities/surveys/cli.ts';
import { CliError, describeInputError } from '../../capabilities/cli-kit.ts';

/**
 * The `cxloop` command line: a thin shell over the same services the HTTP API uses.
 * Each command lives in its own file under commands/ and exports `register(parent)`.
 */
const program = new Command('cxloop')
  .description('cxloop: the customer-experience loop (map, listen, measure, understand, act, verify)')
  .showHelpAfterError()
  .exitOverride();

for (const command of [serve, demo, importCommand, keys, journey, surveys]) command.register(program);

// Analyses share one parent: `cxloop analyze <name>`. Analysis modules register here.
const analyze = program
  .command('analyze')
  .description('analyses: drivers, cross-impact, structural (MICMAC, DEMATEL, CIB)');
const analyses: { register(parent: Command): void }[] = [];
analyses.push(await import('../../capabilities/understand/drivers/cli.ts'));
analyses.push(await import('../../capabilities/understand/structural/cli.ts'));
analyses.push(
  await import('../../capabilities/understand/cross-impact/cli.ts'),
  await import('../../capabilities/understand/what-if/cli.ts'),
);
for (const analysis of analyses) analysis.register(analyze);
(await import('../../capabilities/measure/cli.ts')).register(program);
(await import('../../capabilities/ingest/wide-survey/cli.ts')).register(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) process.exit(error.exitCode);
  if (error instanceof InputError) {
    process.stderr.write(`error: the input is not valid\n${describeInputError(error)}\n`);
    process.exit(2);
  }
  if (error instanceof CliError) {
    process.stderr.write(`error: ${error.message}\n`);
    process.exit(error.exitCode);
  }
  throw error;
}
