import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createApp } from '../src/app/http/app.ts';
import { createServices } from '../src/capabilities/graph.ts';
import { MIGRATIONS } from '../src/capabilities/migrations.ts';
import { createKey } from '../src/capabilities/workspaces/keys.ts';
import { accessOf, isClassified, operationOf } from '../src/platform/auth/access.ts';
import { roleAllows, ROLES, type Role } from '../src/platform/auth/principal.ts';
import { DuckDbStore } from '../src/platform/store/duckdb/store.ts';
import { PostgresStore } from '../src/platform/store/postgres/store.ts';
import type { Store } from '../src/platform/store/port.ts';
import { tempDir } from './helpers.ts';
import { startPgServer, type PgServer } from './pg-server.ts';

const NOW = Date.parse('2025-06-30T12:00:00Z');
const PASSWORD = 'correct horse battery';
const ORIGIN = 'http://localhost';

type OpenApi = { paths: Record<string, Record<string, unknown>> };

/**
 * The role matrix (issue #16): every operation of /openapi.json, for a person of every role, is
 * refused with 403 naming the operation exactly when the table in platform/auth/access.ts says
 * the role is below the operation's least role, and let through (any other status) otherwise.
 * An operation the table does not list fails the first test: a new route must be classified.
 */
async function matrix(store: Store) {
  const services = createServices(store, () => NOW);
  await store.createWorkspace('acme', 'Acme', NOW);
  const ingestKey = (await createKey(store, 'acme', 'ingest', NOW)).key;
  const app = createApp(services);
  const cookies = {} as Record<Role, string>;
  for (const role of ROLES) {
    await services.people.addUser('acme', `${role}@example.com`, role, PASSWORD);
    const res = await app.request('/v1/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: `${role}@example.com`, password: PASSWORD }),
    });
    assert.equal(res.status, 200, `${role} signs in`);
    cookies[role] = res.headers.get('set-cookie')!.split(';')[0]!;
  }
  const doc = (await (await app.request('/openapi.json')).json()) as OpenApi;
  const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.keys(methods).map((method) => ({
      method: method.toUpperCase(),
      path,
      op: operationOf(method, path),
    })),
  );
  return { app, cookies, operations, ingestKey, services };
}

function checks(setup: () => Promise<{ store: Store; close: () => Promise<void> }>) {
  let t: Awaited<ReturnType<typeof matrix>>;
  let close: () => Promise<void>;
  before(async () => {
    const opened = await setup();
    close = opened.close;
    t = await matrix(opened.store);
  });
  after(() => close?.());

  test('every operation in /openapi.json is classified in the access table', () => {
    const unclassified = t.operations.filter((o) => !isClassified(o.op)).map((o) => o.op);
    assert.deepEqual(unclassified, [], 'add these to OPERATION_ACCESS in src/platform/auth/access.ts');
    assert.ok(t.operations.length > 60, `walked ${t.operations.length} operations`);
  });

  test('every role gets 403 naming the operation exactly where the table says so', async () => {
    const wrong: string[] = [];
    let refused = 0;
    for (const { method, path, op } of t.operations) {
      const access = accessOf(op);
      if (access === 'public') continue;
      const least = access === 'ingest' ? 'analyst' : access;
      const url = path.replace(/\{[^}]+\}/g, 'nobody');
      for (const role of ROLES) {
        const res = await t.app.request(url, {
          method,
          headers: { cookie: t.cookies[role], origin: ORIGIN, 'content-type': 'application/json' },
          ...(method === 'GET' || method === 'HEAD' ? {} : { body: '{}' }),
        });
        const body =
          res.status === 403 ? ((await res.json()) as { error: { code: string; message: string } }) : null;
        const allowed = roleAllows(role, least);
        if (allowed && body?.error.code === 'role_forbidden') wrong.push(`${role} refused ${op}`);
        if (!allowed) {
          if (body?.error.code !== 'role_forbidden') wrong.push(`${role} not refused ${op}: ${res.status}`);
          else if (!body.error.message.includes(op)) wrong.push(`${op}: 403 does not name it`);
          else refused++;
        }
        if (res.status === 401) wrong.push(`${role} got 401 on ${op}`);
      }
    }
    assert.deepEqual(wrong, []);
    assert.ok(refused > 50, `${refused} refusals checked`);
  });

  test('public operations need no sign-in; the ingest key reaches ingest operations only', async () => {
    for (const { method, path, op } of t.operations) {
      const url = path.replace(/\{[^}]+\}/g, 'nobody');
      const init = {
        method,
        headers: { authorization: `Bearer ${t.ingestKey}`, 'content-type': 'application/json' },
        ...(method === 'GET' ? {} : { body: '{}' }),
      };
      const access = accessOf(op);
      if (access === 'public') continue;
      const res = await t.app.request(url, init);
      if (access === 'ingest') assert.notEqual(res.status, 403, op);
      else assert.equal(res.status, 403, op);
    }
  });

  test('a key is scoped to a role no higher than its creator: an admin makes a viewer key', async () => {
    const made = await t.app.request('/v1/keys', {
      method: 'POST',
      headers: { cookie: t.cookies.admin, origin: ORIGIN, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'secret', role: 'viewer' }),
    });
    assert.equal(made.status, 201);
    const { key } = (await made.json()) as { key: string };
    const read = await t.app.request('/v1/session', { headers: { authorization: `Bearer ${key}` } });
    assert.equal(read.status, 200);
    const customers = await t.app.request('/v1/customers?q=a', {
      headers: { authorization: `Bearer ${key}` },
    });
    assert.equal(customers.status, 403);
    const body = (await customers.json()) as { error: { message: string } };
    assert.match(body.error.message, /GET \/v1\/customers needs the agent role; this key is viewer/);
  });
}

describe('role matrix on DuckDB', () => {
  checks(async () => {
    const tmp = tempDir();
    const store = await DuckDbStore.open(tmp.db, MIGRATIONS);
    return {
      store,
      close: async () => {
        await store.close();
        tmp.cleanup();
      },
    };
  });
});

describe('role matrix on PostgreSQL', () => {
  let server: PgServer;
  checks(async () => {
    server = await startPgServer();
    const store = await PostgresStore.open(await server.createDatabase(), MIGRATIONS);
    return {
      store,
      close: async () => {
        await store.close();
        await server.stop();
      },
    };
  });
});
