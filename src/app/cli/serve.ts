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
  if (keys.fresh || (keys.ingest && !keys.secret))
    return [`  ingest key ${keys.ingest}   (write-only: safe in a web page)`];
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
  port?: number;
  host?: string;
  demo: boolean;
}

export function register(program: Command) {
  withCommonOptions(program.command('serve'))
    .description('run the HTTP API (and dashboard) on the database')
    .option('--port <n>', 'port (default: $PORT or 3000)', (v) => Number.parseInt(v, 10))
    .option('--host <host>', 'interface to listen on (default: $HOST or 127.0.0.1)')
    .option(
      '--demo',
      'load the demo data set into an empty workspace, in the background once listening',
      false,
    )
    .action(async (options: ServeOptions) => {
      const config = cliConfig();
      const port = options.port ?? config.server.port;
      const host = options.host ?? config.server.host;
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new DomainError('invalid', `--port must be 0-65535, got ${port}`);
      }
      // Loaded here, not at the top: `cxloop --help` and every other command start without them.
      const [{ pino }, background, { startServer, startupKeys }, { phaseProgress }] = await Promise.all([
        import('pino'),
        import('../demo/background.ts'),
        import('../server/start.ts'),
        import('../../platform/cli/phase-progress.ts'),
      ]);
      const logger = pino({ level: config.logLevel }, pino.destination(2));
      const print = (line: string) => process.stdout.write(line + '\n');
      // withServices closes the store when the callback returns, so the callback waits for shutdown.
      await withServices(options, async (services, workspace) => {
        const keys = await startupKeys(
          services.store,
          workspace,
          besideDatabase(options.db, 'keys.json'),
          services.now(),
        );
        const demoNote = besideDatabase(options.db, 'demo.json');
        const demo = options.demo
          ? background.demoToLoad(
              demoNote,
              workspace.id,
              (await services.store.counts(workspace.id)).events,
              services.now(),
            )
          : null;
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
        // The first start's admin signs in by a one-time link (then sets a password); a lost one
        // is made again with `cxloop users link EMAIL`.
        const admin = await server.services.people.firstAdminLink(workspace.id);
        const adminLines = admin
          ? [
              `  sign in    ${admin.link}`,
              `             (one-time link for the admin ${admin.email}, valid an hour: set a password on the Account page; cxloop users link makes another)`,
            ]
          : [];
        print(
          [
            `cxloop is running at ${server.url}`,
            `  database   ${redactDb(options.db)}`,
            demo
              ? `  workspace  ${workspace.id} (loading ${background.DEMO_WHAT} in the background: progress below and on the dashboard)`
              : `  workspace  ${workspace.id} (${counts.customers} customers, ${counts.events} events, ${counts.feedback} feedback)`,
            ...keyLines(keys),
            ...adminLines,
            `  try        curl ${server.url}/healthz`,
          ]
            .filter((l) => l !== '')
            .join('\n'),
        );
        let stopping = false;
        const loading = demo
          ? background.loadDemoInBackground(server.services, demo, demoNote, {
              logger,
              progress: phaseProgress(
                { generating: 'generating demo data', storing: 'storing demo data' },
                { lines: true },
              ),
              stopping: () => stopping,
              print,
            })
          : Promise.resolve();
        await new Promise<void>((resolve) => {
          const stop = () => {
            logger.info('shutting down');
            stopping = true;
            // The load ends after its current batch (what is stored stays; the next start goes on).
            loading.then(() => server.close()).then(resolve, resolve);
          };
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
      });
    });
}
