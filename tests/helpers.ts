import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/app/http/app.ts';
import { createServices } from '../src/capabilities/graph.ts';
import { DuckDbStore } from '../src/platform/store/duckdb/store.ts';
import { createKey } from '../src/capabilities/workspaces/keys.ts';
import { MIGRATIONS } from '../src/capabilities/migrations.ts';

/** A fresh directory for one test's database files, removed by the returned cleanup. */
export function tempDir(prefix = 'cxloop-test-') {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, db: join(dir, 'test.duckdb'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** An app over a real DuckDB file with two workspaces, each with an ingest and a secret key. */
export async function testApp(now = () => Date.parse('2025-06-30T12:00:00Z')) {
  const tmp = tempDir();
  const store = await DuckDbStore.open(tmp.db, MIGRATIONS);
  const services = createServices(store, now);
  const keys: Record<string, { ingest: string; secret: string }> = {};
  for (const ws of ['acme', 'globex']) {
    await store.createWorkspace(ws, ws, now());
    keys[ws] = {
      ingest: (await createKey(store, ws, 'ingest', now())).key,
      secret: (await createKey(store, ws, 'secret', now())).key,
    };
  }
  const app = createApp(services);
  const call = (method: string, path: string, key: string | null, body?: unknown) =>
    app.request(path, {
      method,
      headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
  return {
    app,
    store,
    services,
    keys,
    db: tmp.db,
    post: (path: string, key: string | null, body: unknown) => call('POST', path, key, body),
    get: (path: string, key: string | null) => call('GET', path, key),
    put: (path: string, key: string | null, body: unknown) => call('PUT', path, key, body),
    call,
    async close() {
      await store.close();
      tmp.cleanup();
    },
  };
}

export const event = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  customerId: 'c1',
  name: 'Product Viewed',
  timestamp: '2025-06-01T10:00:00Z',
  properties: { sku: 'A-1' },
  ...extra,
});

export const feedback = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  customerId: 'c1',
  touchpoint: 'delivery',
  metric: 'csat',
  score: 4,
  timestamp: '2025-06-02T10:00:00Z',
  ...extra,
});
