import { writeFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import type { ImportKind } from './file-import.ts';
import { printJson, withCommonOptions, withServices, type CommonOptions, formatOption } from '../cli-kit.ts';
import { DomainError } from '../../platform/errors.ts';

interface ImportOptions extends CommonOptions {
  kind: ImportKind;
  skipInvalid: boolean;
  rejects?: string;
  format: 'json' | 'table';
}

export function register(program: Command) {
  withCommonOptions(program.command('import <file>'))
    .description(
      'import events, feedback or identifies from JSON Lines (one API item, or one Segment message, per line) or CSV (one column per field)',
    )
    .addOption(
      new Option('--kind <kind>', 'what the file holds')
        .choices(['events', 'feedback', 'identify'])
        .makeOptionMandatory(),
    )
    .option(
      '--skip-invalid',
      'store the valid lines and write the rejects to a file (default: a bad line stores nothing)',
      false,
    )
    .option('--rejects <file>', 'where --skip-invalid writes rejected lines (default FILE.rejects.jsonl)')
    .addOption(formatOption())
    .action(async (file: string, options: ImportOptions) => {
      const { importFile } = await import('./file-import.ts');
      const { progressBar } = await import('../../platform/cli/progress.ts');
      await withServices(options, async (services, workspace) => {
        const validating = progressBar('validating');
        const storing = progressBar('storing   ');
        const result = await importFile(services, workspace.id, file, options.kind, {
          skipInvalid: options.skipInvalid,
          onProgress: (phase, done, total) =>
            (phase === 'validate' ? validating : storing).update(done, total),
        });
        validating.stop();
        storing.stop();
        const rejectsPath = options.rejects ?? `${file}.rejects.jsonl`;
        if (result.rejected.length && options.skipInvalid) {
          writeFileSync(rejectsPath, result.rejected.map((r) => JSON.stringify(r)).join('\n') + '\n');
        }
        const summary = {
          file,
          kind: options.kind,
          workspace: workspace.id,
          lines: result.lines,
          stored: result.stored,
          duplicates: result.duplicates,
          rejected: result.rejected.length,
          ...(result.rejected.length && options.skipInvalid ? { rejectsFile: rejectsPath } : {}),
        };
        if (result.rejected.length && !options.skipInvalid) {
          const shown = result.rejected
            .slice(0, 20)
            .flatMap((r) =>
              r.issues.map((i) => `  line ${r.line}: ${i.path || '(line)'}: ${i.message} [${i.code}]`),
            );
          const more =
            result.rejected.length > 20 ? `\n  ... and ${result.rejected.length - 20} more lines` : '';
          throw new DomainError(
            'invalid',
            `${result.rejected.length} of ${result.lines} lines are invalid; nothing was stored ` +
              `(use --skip-invalid to store the rest):\n${shown.join('\n')}${more}`,
          );
        }
        if (options.format === 'json') printJson(summary);
        else
          process.stdout.write(
            `imported ${file}: ${result.stored} stored, ${result.duplicates} duplicates, ${result.rejected.length} rejected` +
              (summary.rejectsFile ? ` (see ${summary.rejectsFile})` : '') +
              '\n',
          );
      });
    });
}
