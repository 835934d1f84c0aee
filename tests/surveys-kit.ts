import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from '../src/app/http/app.ts';
import { createServices } from '../src/capabilities/graph.ts';
import { DuckDbStore } from '../src/platform/store/duckdb/store.ts';
import { surveyConfigSchema } from '../src/capabilities/surveys/config.ts';
import { smtpSender } from '../src/platform/messaging/email.ts';
import { createKey } from '../src/capabilities/workspaces/keys.ts';
import { tempDir } from './helpers.ts';
import { MIGRATIONS } from '../src/capabilities/migrations.ts';
import { userHash } from '../src/core/surveys/user-hash.ts';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/**
 * A cxloop app on a real DuckDB file, listening on a real loopback socket, with a clock the test
 * moves and a dispatcher the test runs (the server's own loop is not started), so every step of
 * delivery happens exactly when the test says.
 */
export async function surveyKit(
  options: { smtpPort?: number; publicRequestsPerMinute?: number; db?: string } = {},
) {
  const clock = { now: Date.parse('2025-06-30T10:00:00Z') };
  const tmp = tempDir('cxloop-surveys-');
  const store = await DuckDbStore.open(options.db ?? tmp.db, MIGRATIONS);
  const config = surveyConfigSchema.parse({
    smtp: options.smtpPort
      ? { host: '127.0.0.1', port: options.smtpPort, tls: 'none', from: 'Shop <cx@shop.test>' }
      : {},
    dispatch: { retryBaseMs: 60_000, maxAttempts: 3 },
    publicRequestsPerMinute: options.publicRequestsPerMinute ?? 100_000,
  });
  const services = createServices(store, () => clock.now, { surveys: config });
  // Triggers are delivered in the background as in a server (the SDK test relies on it); the
  // dispatch below drains them first, so a test sees every invitation its events asked for.
  const delivery = services.events.start();
  const keys: Record<string, { ingest: string; secret: string }> = {};
  for (const ws of ['acme', 'globex']) {
    if (!(await store.getWorkspace(ws))) await store.createWorkspace(ws, ws, clock.now);
    keys[ws] = {
      ingest: (await createKey(store, ws, 'ingest', clock.now)).key,
      secret: (await createKey(store, ws, 'secret', clock.now)).key,
    };
  }
  const app = createApp(services);
  const pages = new Map<string, () => string>();
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    // Test pages (a shop page for the SDK) are served beside the app on the same origin, as a
    // site embedding the SDK would be; the dashboard claims every other path inside the app.
    const fetch = (request: Request) => {
      const page = pages.get(new URL(request.url).pathname);
      return page
        ? new Response(page(), { headers: { 'content-type': 'text/html; charset=utf-8' } })
        : app.fetch(request);
    };
    const s = serve({ fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const email = smtpSender(config.smtp);
  const dispatcher = services.surveys.dispatcher({ publicUrl: url, email });

  const call = async (
    method: string,
    path: string,
    key: string | null,
    body?: unknown,
    type = 'application/json',
  ) => {
    const response = await fetch(url + path, {
      method,
      redirect: 'manual',
      headers: { 'content-type': type, ...(key ? { authorization: `Bearer ${key}` } : {}) },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await response.text();
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      // an HTML page
    }
    // Replies are checked field by field in the tests; a loose type keeps those checks short.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return { status: response.status, headers: response.headers, text, json: json as any };
  };

  return {
    url,
    app,
    pages,
    store,
    services,
    keys,
    clock,
    db: options.db ?? tmp.db,
    call,
    advance: (ms: number) => void (clock.now += ms),
    /** Delivers the domain events (trigger matching), then runs the dispatcher once. */
    async dispatch() {
      await services.events.drain();
      return dispatcher.runOnce();
    },
    /** What a site's backend puts in the page of a signed-in customer for the in-page widget. */
    async userHash(workspace: string, customerId: string) {
      const res = await call('GET', '/v1/identity-verification', keys[workspace]!.secret);
      if (res.status !== 200) throw new Error(`no identity secret: ${res.text}`);
      return userHash(customerId, res.json.secret);
    },
    async defineSurvey(workspace: string, survey: Record<string, unknown> | string, id?: string) {
      const yaml = typeof survey === 'string';
      const res = await call(
        'PUT',
        `/v1/surveys/${id ?? (survey as { id: string }).id}`,
        keys[workspace]!.secret,
        survey,
        yaml ? 'application/yaml' : 'application/json',
      );
      if (res.status !== 200) throw new Error(`survey refused: ${res.text}`);
      return res.json;
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await delivery.stop();
      email?.close();
      await store.close();
      if (!options.db) tmp.cleanup();
    },
  };
}
export type SurveyKit = Awaited<ReturnType<typeof surveyKit>>;
