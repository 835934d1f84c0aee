import type { Command } from 'commander';
import { redactDb } from '../../platform/store/db-url.ts';
import {
  besideDatabase,
  CliError,
  serverInfoPath,
  withCommonOptions,
  withServices,
  type CommonOptions,
} from '../../capabilities/cli-kit.ts';

/**
 * The banner's key lines: the secret key in full only when it was made by this start; after that
 * its prefix, so the full key is never printed again (issue #13, finding 12).
 */
function keyLines(keys: {
  ingest: string;
  secret: string;
  fresh: boolean;
  live: { kind: string; prefix: string }[];
}) {
  if (keys.fresh)
    return [
      `  ingest key ${keys.ingest}   (write-only: safe in a web page)`,
      `  secret key ${keys.secret}   (everything: keep it secret; shown this once, store it now)`,
    ];
  if (keys.ingest)
    return [
      `  ingest key ${keys.ingest}   (write-only: safe in a web page)`,
      `  secret     ${keys.secret}...   (prefix only: the full key was shown once, when it was made)`,
    ];
  const live = keys.live.map((k) => `${k.prefix}... (${k.kind})`).join(', ');
  return live
    ? [`  keys       ${live}; manage them in the dashboard or with /v1/keys`]
    : ['  keys       none live: stop the server and run `cxloop keys create --kind secret` to make one'];
}

interface ServeOptions extends CommonOptions {
  port: number;
  host: string;
  demo: boolean;
}

export function register(program: Command) {
  withCommonOptions(program.command('serve'))
    .description('run the HTTP API (and dashboard) on the database')
    .option('--port <n>', 'port (also PORT)', (v) => Number.parseInt(v, 10), Number(process.env.PORT ?? 3000))
    .option('--host <host>', 'interface to listen on', process.env.HOST ?? '127.0.0.1')
    .option('--demo', 'load the demo data set into an empty workspace first', false)
    .action(async (options: ServeOptions) => {
      if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) {
        throw new CliError(`--port must be 0-65535, got ${options.port}`, 2);
      }
      // Loaded here, not at the top: `cxloop --help` and every other command start without them.
      const [{ pino }, { loadDemo }, { startServer, startupKeys }, { progressBar }] = await Promise.all([
        import('pino'),
        import('../demo/load.ts'),
        import('../server/start.ts'),
        import('../../platform/cli/progress.ts'),
      ]);
      const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' }, pino.destination(2));
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
          port: options.port,
          host: options.host,
          workspace,
          logger,
          infoPath: serverInfoPath(options.db),
        });
        const counts = await services.store.counts(workspace.id);
        process.stdout.write(
          [
            `cxloop is running at ${server.url}`,
            `  database   ${redactDb(options.db)}`,
            `  workspace  ${workspace.id} (${counts.customers} customers, ${counts.events} events, ${counts.feedback} feedback)`,
            ...keyLines(keys),
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
