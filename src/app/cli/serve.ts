import type { Command } from 'commander';
import { redactDb } from '../../platform/store/db-url.ts';
import {
  besideDatabase,
  cliConfig,
  serverInfoPath,
  withCommonOptions,
  withServices,
  type CommonOptions,
} from '../../capabilities/cli-kit.ts';
import { DomainError } from '../../platform/errors.ts';

interface ServeOptions extends CommonOptions {
  port?: number;
  host?: string;
  demo: boolean;
}

export function register(program: Command) {
  withCommonOptions(program.command('serve'))
    .description('run the HTTP API (and dashboard) on the database')
    .option('--port <n>', 'port (default: $PORT or 3000)', (v) => Number.parseInt(v, 10))
    .option('--host <host>', 'interface to listen on (default: $HOST or 127.0.0.1)')
    .option('--demo', 'load the demo data set into an empty workspace first', false)
    .action(async (options: ServeOptions) => {
      const config = cliConfig();
      const port = options.port ?? config.server.port;
      const host = options.host ?? config.server.host;
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new DomainError('invalid', `--port must be 0-65535, got ${port}`);
      }
      // Loaded here, not at the top: `cxloop --help` and every other command start without them.
      const [{ pino }, { loadDemo }, { startServer, startupKeys }, { progressBar }] = await Promise.all([
        import('pino'),
        import('../demo/load.ts'),
        import('../server/start.ts'),
        import('../../platform/cli/progress.ts'),
      ]);
      const logger = pino({ level: config.logLevel }, pino.destination(2));
      // withServices closes the store when the callback returns, so the callback waits for shutdown.
      await withServices(options, async (services, workspace) => {
        const keys = await startupKeys(
          services.store,
          workspace,
          besideDatabase(options.db, 'keys.json'),
          services.now(),
        );
        if (options.demo && (await services.store.counts(workspace.id)).events === 0) {
          const bar = progressBar('loading demo data');
          const demo = await loadDemo(services, workspace.id, { onProgress: bar.update });
          bar.stop();
          logger.info({ ...demo }, 'demo data loaded');
        }
        const server = await startServer({
          store: services.store,
          port,
          host,
          workspace,
          logger,
          infoPath: serverInfoPath(options.db),
          config,
        });
        const counts = await services.store.counts(workspace.id);
        process.stdout.write(
          [
            `cxloop is running at ${server.url}`,
            `  database   ${redactDb(options.db)}`,
            `  workspace  ${workspace.id} (${counts.customers} customers, ${counts.events} events, ${counts.feedback} feedback)`,
            keys
              ? `  ingest key ${keys.ingest}   (write-only: safe in a web page)`
              : '  keys       see `cxloop keys list`; create one with `cxloop keys create --kind secret`',
            keys ? `  secret key ${keys.secret}   (everything: keep it secret)` : '',
            `  try        curl ${server.url}/healthz`,
            '',
          ]
            .filter((l) => l !== '')
            .join('\n') + '\n',
        );
        await new Promise<void>((resolve) => {
          const stop = () => {
            logger.info('shutting down');
            server.close().then(resolve, resolve);
          };
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
      });
    });
}
