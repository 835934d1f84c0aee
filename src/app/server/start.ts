import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Logger } from 'pino';
import { createApp } from '../http/app.ts';
import { WorkerValidator } from '../../capabilities/ingest/validator.ts';
import { createServices, type Services } from '../../capabilities/graph.ts';
import type { ApiKeyRecord, Store, Workspace } from '../../platform/store/port.ts';
import type { Config } from '../../platform/config.ts';
import { createKey, KEY_PREFIX_LENGTH } from '../../capabilities/workspaces/keys.ts';
import { TASKS_MODULE } from '../../capabilities/tasks.ts';
import { poolLimits } from '../../platform/workers/limits.ts';
import { WorkerPool } from '../../platform/workers/pool.ts';
import { retentionLoop } from '../../capabilities/privacy/worker.ts';
import { writeServerNote } from '../../capabilities/server-note.ts';
import { z } from 'zod';
import { defineJob, JobLoop } from '../../platform/jobs/job.ts';
import { smtpSender, type EmailSender } from '../../platform/messaging/email.ts';

export interface StartOptions {
  store: Store;
  port: number;
  host: string;
  workspace: Workspace;
  logger: Logger;
  /** Where to note the URL and the local token for the CLI (`<db>.server.json`); removed on close. */
  infoPath?: string;
  /** The configuration parsed at start-up (survey delivery, the worker pool's limits, the outbox). */
  config: Config;
}

/** Serves the app; resolves once listening. */
export async function startServer(options: StartOptions) {
  // Request validation runs in worker threads beside the one that serves HTTP and writes.
  const validator = new WorkerValidator();
  // Analyses and large YAML run in a pool with size and time limits (docs/architecture.md, "Heavy work").
  const heavy = new WorkerPool([TASKS_MODULE], poolLimits(options.config.workers));
  // Only a server that writes its note has a local token: the CLI reads through it while the
  // server holds the database.
  const localToken = options.infoPath ? randomBytes(32).toString('base64url') : undefined;
  // Invitations and resets share survey mail's SMTP settings; the sender is made on first use.
  let mailer: EmailSender | null | undefined;
  const services: Services = createServices(options.store, Date.now, {
    surveys: options.config.surveys,
    validator,
    events: {
      onError: (err, subscriber) => options.logger.error({ err, subscriber }, 'domain event handler failed'),
      retentionMs: options.config.events.outboxRetentionMs,
    },
    heavy,
    ...(localToken ? { localToken } : {}),
    ...(options.config.ingest.earliest ? { ingestEarliest: Date.parse(options.config.ingest.earliest) } : {}),
    people: {
      adminEmail: options.config.people.adminEmail,
      ...(options.config.surveys.publicUrl ? { publicUrl: options.config.surveys.publicUrl } : {}),
      sender: () => (mailer ??= smtpSender(options.config.surveys.smtp)),
    },
  });
  // Survey secrets stored in plain text by an earlier version are sealed with the at-rest key now,
  // not only when each workspace next signs a link (issue #13, finding 13).
  await services.surveys.tokens.sealStoredSecrets();
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
  // Comments stored before text existed (or read by an older model) are read in the background.
  const textBackfill = services.text.startBackfill((err) =>
    options.logger.error({ err }, 'text backfill failed'),
  );
  services.people.listeningAt(url);
  // Invitation and reset emails are durable jobs; this loop sends what is due (and retries).
  const mail = new JobLoop(
    defineJob({
      name: 'people.mail-loop',
      schema: z.object({}),
      handler: () => services.people.mail.runDue(),
    }),
    {},
    {},
    {
      intervalMs: 2000,
      again: (report) => report.claimed > 0,
      onError: (err) => options.logger.error({ err }, 'people mail failed'),
    },
  ).start();
  const worker = services.surveys.startWorker({
    serverUrl: url,
    onError: (err) => options.logger.error({ err }, 'survey delivery failed'),
  });
  const retention = retentionLoop(services.privacy.retention, (err) =>
    options.logger.error({ err }, 'retention job failed'),
  ).start();
  const workflows = services.workflows.startWorker({
    serverUrl: url,
    onError: (err) => options.logger.error({ err }, 'workflow move failed'),
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
      await textBackfill.stop();
      await retention.stop();
      await workflows.stop();
      await mail.stop();
      mailer?.close();
      await delivery.stop();
      await validator.close();
      await heavy.close();
      if (options.infoPath) rmSync(options.infoPath, { force: true });
    },
  };
}

/**
 * The keys shown at start-up. Keys are stored hashed. The pair made at first start is shown in full
 * once; `<db>.keys.json` (mode 0600) keeps the ingest key (safe in a web page) and the secret key's
 * prefix, so later starts show the ingest key and only the secret's prefix. A workspace that has
 * had keys and has none live gets no new one silently: the banner says how to create one
 * (`cxloop keys create --kind secret` on the stopped server).
 */
export async function startupKeys(
  store: Store,
  workspace: Workspace,
  keysPath: string,
  now: number,
): Promise<{ ingest: string; secret: string; fresh: boolean; live: ApiKeyRecord[] }> {
  const all = await store.listKeys(workspace.id);
  const live = all.filter((k) => k.revokedAt === null);
  if (existsSync(keysPath)) {
    const saved = JSON.parse(readFileSync(keysPath, 'utf8')) as {
      workspace: string;
      ingest: string;
      secret?: string;
      secretPrefix?: string;
    };
    const secretPrefix = saved.secretPrefix ?? saved.secret?.slice(0, KEY_PREFIX_LENGTH) ?? '';
    const stillLive =
      live.some((k) => saved.ingest.startsWith(k.prefix)) &&
      (secretPrefix === '' || live.some((k) => k.prefix === secretPrefix));
    if (saved.workspace === workspace.id && stillLive)
      return { ingest: saved.ingest, secret: secretPrefix, fresh: false, live };
  }
  if (all.length > 0) return { ingest: '', secret: '', fresh: false, live };
  // People sign in with the one-time link the banner prints (and then a password); secret keys
  // are for machines, made by a signed-in user (or `cxloop keys create`), so none is made here.
  const ingest = (await createKey(store, workspace.id, 'ingest', now)).key;
  const secret = '';
  const saved = { workspace: workspace.id, ingest, secretPrefix: '' };
  writeFileSync(keysPath, JSON.stringify(saved, null, 2) + '\n', { mode: 0o600 });
  chmodSync(keysPath, 0o600);
  return { ingest, secret, fresh: true, live: await store.listKeys(workspace.id) };
}
