import { Command, CommanderError } from 'commander';
import * as demo from './demo.ts';
import * as importCommand from '../../capabilities/ingest/cli.ts';
import * as rejects from '../../capabilities/ingest/rejects-cli.ts';
import * as journey from '../../capabilities/journeys/cli.ts';
import * as keys from '../../capabilities/workspaces/cli.ts';
import * as serve from './serve.ts';
import * as surveys from '../../capabilities/surveys/cli.ts';
import * as workflows from '../../capabilities/workflows/cli.ts';
import * as answers from '../../capabilities/answers/cli.ts';
import * as recommendations from '../../capabilities/recommendations/cli.ts';
import * as report from '../../capabilities/measure/cli.ts';
import * as importSurvey from '../../capabilities/ingest/wide-survey/cli.ts';
import * as drivers from '../../capabilities/understand/drivers/cli.ts';
import * as structural from '../../capabilities/understand/structural/cli.ts';
import * as crossImpact from '../../capabilities/understand/cross-impact/cli.ts';
import * as whatIf from '../../capabilities/understand/what-if/cli.ts';
import * as workshops from '../../capabilities/workshops/cli.ts';
import * as text from '../../capabilities/text/cli.ts';
import * as privacy from '../../capabilities/privacy/cli.ts';
import * as users from '../../capabilities/people/cli.ts';
import { cliFailure, useConfig } from '../../capabilities/cli-kit.ts';

/**
 * The `cxloop` command line: a thin shell over the same services the HTTP API uses.
 * Each capability's cli.ts exports `register(parent)`. These modules only declare their commands:
 * services, database drivers and analyses are imported when a command runs, so `cxloop --help`
 * loads little more than commander (bin/cxloop.js runs this file compiled, from dist/cli).
 */
const program = new Command('cxloop')
  .description('cxloop: the customer-experience loop (map, listen, measure, understand, act, verify)')
  .showHelpAfterError()
  .exitOverride();

useConfig(program);

for (const command of [
  serve,
  demo,
  importCommand,
  rejects,
  keys,
  users,
  journey,
  surveys,
  workflows,
  workshops,
  answers,
  recommendations,
  privacy,
])
  command.register(program);

// Analyses share one parent: `cxloop analyze <name>`. Analysis modules register here.
const analyze = program
  .command('analyze')
  .description('analyses: drivers, cross-impact, structural (MICMAC, DEMATEL, CIB), text');
for (const analysis of [drivers, structural, crossImpact, whatIf]) analysis.register(analyze);
text.register(program, analyze);
report.register(program);
importSurvey.register(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) process.exit(error.exitCode);
  const failure = cliFailure(error);
  if (!failure) throw error;
  process.stderr.write(`error: ${failure.message}\n`);
  process.exit(failure.exitCode);
}
