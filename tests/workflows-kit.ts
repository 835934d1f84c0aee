import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServices } from '../src/capabilities/graph.ts';
import { MIGRATIONS } from '../src/capabilities/migrations.ts';
import { surveyConfigSchema } from '../src/capabilities/surveys/config.ts';
import { smtpSender } from '../src/platform/messaging/email.ts';
import type { Store } from '../src/platform/store/port.ts';
import { DuckDbStore } from '../src/platform/store/duckdb/store.ts';
import { tempDir } from './helpers.ts';
import { startSmtp } from './smtp.ts';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** A real HTTP receiver on loopback: keeps every request and answers with the status the test sets. */
export async function webhookReceiver() {
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];
  const state = { status: 204 };
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(state.status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  return { url, received, state, close: () => new Promise((resolve) => server.close(resolve)) };
}

/**
 * Workflows over a real store (a DuckDB file unless one is given), a real SMTP server and a clock
 * the test moves. Domain events are drained and due moves run when the test says (`settle`), so
 * every step happens exactly when the test's clock says. The clock starts at the real time, so
 * receivers that check webhook timestamps accept them.
 */
export async function workflowKit(options: { store?: Store } = {}) {
  const clock = { now: Math.floor(Date.now() / 1000) * 1000 };
  const tmp = tempDir('cxloop-workflows-');
  const store = options.store ?? (await DuckDbStore.open(tmp.db, MIGRATIONS));
  const smtp = await startSmtp();
  const config = surveyConfigSchema.parse({
    smtp: { host: '127.0.0.1', port: smtp.port, tls: 'none', from: 'Shop <cx@shop.test>' },
    publicUrl: 'https://cx.shop.test',
  });
  const services = createServices(store, () => clock.now, { surveys: config });
  const email = smtpSender(config.smtp);
  services.workflows.useEmail(email, 'https://cx.shop.test');
  for (const ws of ['acme', 'globex'])
    if (!(await store.getWorkspace(ws))) await store.createWorkspace(ws, ws, clock.now);
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    clock,
    store,
    services,
    smtp,
    iso,
    async customer(workspace: string, id: string, traits: Record<string, unknown>) {
      await services.ingest.own(
        workspace,
        'identifies',
        { customerId: id, traits, timestamp: iso(clock.now) },
        clock.now,
      );
    },
    async event(
      workspace: string,
      customerId: string,
      name: string,
      properties: Record<string, unknown> = {},
      at = clock.now,
    ) {
      await services.ingest.own(
        workspace,
        'events',
        { customerId, name, timestamp: iso(at), properties },
        clock.now,
      );
    },
    async feedback(
      workspace: string,
      customerId: string,
      metric: string,
      score: number,
      touchpoint = 'delivery',
      at = clock.now,
    ) {
      await services.ingest.own(
        workspace,
        'feedback',
        { customerId, touchpoint, metric, score, timestamp: iso(at) },
        clock.now,
      );
    },
    /** Delivers every domain event, then runs due moves until none is left. */
    async settle() {
      for (let round = 0; round < 50; round++) {
        await services.events.drain();
        const report = await services.workflows.runDue(500);
        if (report.claimed === 0) return;
      }
      throw new Error('moves kept falling due');
    },
    apply: (workspace: string, doc: unknown) =>
      services.workflows.definitions.save(workspace, doc, clock.now),
    async close() {
      email?.close();
      await smtp.close();
      if (!options.store) await store.close();
      tmp.cleanup();
    },
  };
}
