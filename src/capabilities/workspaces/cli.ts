import { Command, Option } from 'commander';
import { createKey } from './keys.ts';
import {
  printJson,
  printTable,
  withCommonOptions,
  withServices,
  type CommonOptions,
  formatOption,
} from '../cli-kit.ts';
import { DomainError } from '../../platform/errors.ts';

type Format = { format: 'json' | 'table' };

export function register(program: Command) {
  const keys = program
    .command('keys')
    .description('create, list and revoke API keys (stored hashed: a key is shown once)');

  withCommonOptions(keys.command('create'))
    .description('create a key: "ingest" can only send data (safe in a web page), "secret" can do everything')
    .addOption(new Option('--kind <kind>', 'key kind').choices(['ingest', 'secret']).makeOptionMandatory())
    .addOption(formatOption())
    .action(async (options: CommonOptions & Format & { kind: 'ingest' | 'secret' }) => {
      await withServices(options, async (services, workspace) => {
        const { key } = await createKey(services.store, workspace.id, options.kind, services.now());
        if (options.format === 'json') printJson({ key, kind: options.kind, workspace: workspace.id });
        else
          process.stdout.write(
            `${options.kind} key for workspace ${workspace.id} (shown only now):\n${key}\n`,
          );
      });
    });

  withCommonOptions(keys.command('list'))
    .description('list keys (their prefixes, never the keys)')
    .addOption(formatOption())
    .action(async (options: CommonOptions & Format) => {
      await withServices(options, async (services, workspace) => {
        const list = (await services.store.listKeys(workspace.id)).map((k) => ({
          id: k.id,
          kind: k.kind,
          prefix: k.prefix,
          createdAt: new Date(k.createdAt).toISOString(),
          revokedAt: k.revokedAt === null ? null : new Date(k.revokedAt).toISOString(),
        }));
        if (options.format === 'json') printJson({ workspace: workspace.id, keys: list });
        else printTable(list);
      });
    });

  withCommonOptions(keys.command('revoke <id>'))
    .description('revoke a key by its id (see keys list)')
    .action(async (id: string, options: CommonOptions) => {
      await withServices(options, async (services, workspace) => {
        if (!(await services.store.revokeKey(workspace.id, id, services.now()))) {
          throw new DomainError('not_found', `no live key "${id}" in workspace ${workspace.id}`);
        }
        process.stdout.write(`revoked ${id}\n`);
      });
    });
}
