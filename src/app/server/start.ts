import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Logger } from 'pino';
import { createApp } from '../http/app.ts';
import { WorkerValidator } from '../../capabilities/ingest/validator.ts';
import { createServices, type Services } from '../../capabilities/graph.ts';
import type { Store, Workspace } from '../../platform/store/port.ts';
import { surveyConfigFromEnv, type SurveyConfig } from '../../capabilities/surveys/config.ts';
import { createKey } from '../../capabilities/workspaces/keys.ts';
import { TASKS_MODULE } from '../../capabilities/tasks.ts';
import { poolLimitsFromEnv } from '../../platform/workers/limits.ts';
import { WorkerPool } from '../../platform/workers/pool.ts';
import { writeServerNote } from '../../capabilities/server-note.ts';

export interface StartOptions {
  store: Store;
  port: number;
  host: string;
  workspace: Workspace;
  logger: Logger;
  /** Where to note the URL and the local token for the CLI (`<db>.server.json`); removed on close. */
  infoPath?: string;
  /** Survey delivery settings; read from CXLOOP_* environment variables when not given. */
  surveys?: SurveyConfig;
}

/**
 * CXLOOP_INGEST_EARLIEST: the earliest event time ingest accepts, as an ISO-8601 date (default
 * 1970-01-01). Read here, beside the other environment settings of the server.
 */
function ingestEarliestFromEnv(env: NodeJS.ProcessEnv): { ingestEarliest?: number } {
  const value = env.CXLOOP_INGEST_EARLIEST;
  if (value === undefined || value === '') return {};
  const ms = Date.parse(value);
  if (!Number.isFinite(ms))
    throw new Error(`CXLOOP_INGEST_EARLIEST must be an ISO-8601 date, got "${value}"`);
  return { ingestEarliest: ms };
}

/** Serves the app; resolves once listening. */
export async function startServer(options: StartOptions) {
  // Request validation runs in worker threads beside the one that serves HTTP and writes.
  const validator = new WorkerValidator();
  // Analyses and large YAML run in a pool with size and time limits (docs/architecture.md, "Heavy work").
  const heavy = new WorkerPool([TASKS_MODULE], poolLimitsFromEnv(process.env));
  // Only a server that writes its note has a local token: the CLI reads through it while the
  // server holds the database.
  const localToken = options.infoPath ? randomBytes(32).toString('base64url') : undefined;
  const services: Services = createServices(options.store, Date.now, {
    surveys: options.surveys ?? surveyConfigFromEnv(process.env),
    validator,
    events: {
      onError: (err, subscriber) => options.logger.error({ err, subscriber }, 'domain event handler failed'),
    },
    heavy,
    ...(localToken ? { localToken } : {}),
    ...ingestEarliestFromEnv(process.env),
  });
  // Before listening: what the outbox holds from before a crash (or from a CLI import) is
  // delivered from each subscriber's cursor, beside new requests.
  const delivery = services.events.start();
  const app = createApp(services, { logger: options.logger });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: options.port, hostname: options.host }, () => resolve(s));
  });
  const address = server.address() as AddressInfo;
  const host = options.host === '0.0.0.0' || options.host === '::' ? 'localhost' : options.host;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
  const worker = services.surveys.startWorker({
    serverUrl: url,
    onError: (err) => options.logger.error({ err }, 'survey delivery failed'),
  });
  if (options.infoPath && localToken) {
    writeServerNote(options.infoPath, {
      pid: process.pid,
      url,
      workspace: options.workspace.id,
      token: localToken,
    });
  }
  return {
    url,
    services,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await worker.stop();
      await delivery.stop();
      await validator.close();
      await heavy.close();
      if (options.infoPath) rmSync(options.infoPath, { force: true });
    },
  };
}

/**
 * The keys shown at start-up. Keys are stored hashed, so the ones made at first start are also
 * written beside the database (mode 0600) for this local quick start; delete the file to stop
 * showing them. A workspace with no live keys gets a fresh pair.
 */
export async function startupKeys(store: Store, workspace: Workspace, keysPath: string, now: number) {
  const live = (await store.listKeys(workspace.id)).filter((k) => k.revokedAt === null);
  if (existsSync(keysPath)) {
    const saved = JSON.parse(readFileSync(keysPath, 'utf8')) as {
      workspace: string;
      ingest: string;
      secret: string;
    };
    const stillLive =
      live.some((k) => saved.ingest.startsWith(k.prefix)) &&
      live.some((k) => saved.secret.startsWith(k.prefix));
    if (saved.workspace === workspace.id && stillLive) return saved;
  }
  if (live.length > 0) return null;
  const ingest = (await createKey(store, workspace.id, 'ingest', now)).key;
  const secret = (await createKey(store, workspace.id, 'secret', now)).key;
  const saved = { workspace: workspace.id, ingest, secret };
  writeFileSync(keysPath, JSON.stringify(saved, null, 2) + '\n');
  chmodSync(keysPath, 0o600);
  return saved;
}
