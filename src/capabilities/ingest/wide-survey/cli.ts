import { writeFileSync } from 'node:fs';
import { Command } from 'commander';
import {
  printJson,
  withCommonOptions,
  withServices,
  type CommonOptions,
  formatOption,
} from '../../cli-kit.ts';
import { DomainError } from '../../../platform/errors.ts';

/**
 * `cxloop import-survey FILE... --mapping mapping.yaml`: a wide survey export (one row per respondent,
 * one column per touchpoint rating) into feedback, events and traits, in one transaction.
 */

interface ImportSurveyOptions extends CommonOptions {
  mapping: string;
  skipInvalid: boolean;
  rejects?: string;
  timestamp?: string;
  format: 'json' | 'table';
}

export function register(program: Command) {
  withCommonOptions(program.command('import-survey <files...>'))
    .description('import a wide survey export (CSV, one row per respondent) with a mapping file')
    .requiredOption(
      '--mapping <file>',
      'YAML: columns -> touchpoints, scales, not-applicable codes, outcome, traits',
    )
    .option(
      '--skip-invalid',
      'store the valid rows and write the rejects to a file (default: a bad row stores nothing)',
      false,
    )
    .option(
      '--rejects <file>',
      'where --skip-invalid writes rejected rows (default FIRST-FILE.rejects.jsonl)',
    )
    .option('--timestamp <iso>', 'when the answers were given, if the mapping does not say (default: now)')
    .addOption(formatOption())
    .action(async (files: string[], options: ImportSurveyOptions) => {
      const { importSurvey, readMapping } = await import('./import.ts');
      const { progressBar } = await import('../../../platform/cli/progress.ts');
      const mapping = readMapping(options.mapping);
      await withServices(options, async (services, workspace) => {
        const bar = progressBar('importing');
        const result = await importSurvey(services, workspace.id, files, mapping, {
          skipInvalid: options.skipInvalid,
          ...(options.timestamp === undefined ? {} : { timestamp: options.timestamp }),
          onProgress: (done, total) => bar.update(done, total),
        });
        bar.stop();
        const rejectsPath = options.rejects ?? `${files[0]}.rejects.jsonl`;
        if (result.rejected.length && options.skipInvalid) {
          writeFileSync(rejectsPath, result.rejected.map((r) => JSON.stringify(r)).join('\n') + '\n');
        }
        if (result.rejected.length && !options.skipInvalid) {
          const shown = result.rejected
            .slice(0, 20)
            .flatMap((r) =>
              r.issues.map((i) => `  ${r.file} line ${r.line}: ${i.path}: ${i.message} [${i.code}]`),
            );
          const more =
            result.rejected.length > 20 ? `\n  ... and ${result.rejected.length - 20} more rows` : '';
          throw new DomainError(
            'invalid',
            `${result.rejected.length} of ${result.rows} rows are invalid; nothing was stored (use --skip-invalid to store the rest):\n${shown.join('\n')}${more}`,
          );
        }
        const summary = {
          workspace: workspace.id,
          ...result,
          rejected: result.rejected.length,
          ...(result.rejected.length ? { rejectsFile: rejectsPath } : {}),
        };
        if (options.format === 'json') return printJson(summary);
        process.stdout.write(
          `imported ${result.imported} of ${result.rows} respondents into workspace ${workspace.id}: ` +
            `${result.feedback} responses, ${result.events} events (${result.stored} stored, ${result.duplicates} already there); ` +
            `${result.notApplicable} ratings not applicable` +
            (result.rejected.length ? `; ${result.rejected.length} rows rejected (see ${rejectsPath})` : '') +
            '\n',
        );
      });
    });
}
