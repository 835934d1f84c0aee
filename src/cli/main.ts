import { Command, CommanderError } from 'commander';
import { InputError } from '../core/issues.ts';
import * as demo from './commands/demo.ts';
import * as importCommand from './commands/import.ts';
import * as journey from './commands/journey.ts';
import * as keys from './commands/keys.ts';
import * as serve from './commands/serve.ts';
import * as surveys from './commands/surveys.ts';
import { CliError, describeInputError } from './shared.ts';

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
analyses.push(await import('./commands/analyze-drivers.ts'));
analyses.push(await import('./commands/analyze-structural.ts'));
analyses.push(
  await import('./commands/analyze-cross-impact.ts'),
  await import('./commands/analyze-what-if.ts'),
);
for (const analysis of analyses) analysis.register(analyze);
(await import('./commands/report.ts')).register(program);
(await import('./commands/import-survey.ts')).register(program);

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
