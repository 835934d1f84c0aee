import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { createApp } from '../../src/app/http/app.ts';
import { besideDatabase } from '../../src/capabilities/cli-kit.ts';
import { createServices } from '../../src/capabilities/graph.ts';
import { PostgresStore } from '../../src/platform/store/postgres/store.ts';
import { createKey } from '../../src/capabilities/workspaces/keys.ts';
import { event, feedback } from '../helpers.ts';
import { startPgServer, type PgServer } from '../pg-server.ts';
import { startServerProcess } from '../server-process.ts';
import { MIGRATIONS } from '../../src/capabilities/migrations.ts';

const NOW = Date.parse('2025-06-30T12:00:00Z');

/**
 * The HTTP API's key scenarios on the PostgreSQL store: an app in-process, and two real
 * `cxloop serve --db postgres://...` processes writing to one database.
 */
describe('HTTP API on PostgreSQL', () => {
  let server: PgServer;
  before(async () => {
    server = await startPgServer();
  });
  after(() => server?.stop());

  /** An app over a fresh database (two of them over the same one stand for two API processes). */
  async function appOn(db: string) {
    const store = await PostgresStore.open(db, MIGRATIONS);
    const services = createServices(store, () => NOW);
    const app = createApp(services);
    const request = (method: string, path: string, key: string, body?: unknown) =>
      app.request(path, {
        method,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    return { store, services, app, request };
  }

  describe('in-process', () => {
    let db: string;
    let one: Awaited<ReturnType<typeof appOn>>;
    let two: Awaited<ReturnType<typeof appOn>>;
    const keys: Record<string, { ingest: string; secret: string }> = {};
    before(async () => {
      db = await server.createDatabase();
      one = await appOn(db);
      two = await appOn(db);
      for (const ws of ['acme', 'globex']) {
        await one.store.createWorkspace(ws, ws, NOW);
        keys[ws] = {
          ingest: (await createKey(one.store, ws, 'ingest', NOW)).key,
          secret: (await createKey(one.store, ws, 'secret', NOW)).key,
        };
      }
    });
    after(async () => {
      await one?.store.close();
      await two?.store.close();
    });

    test('POST /v1/events stores a batch, and a retry stores nothing twice', async () => {
      const body = { batch: [event('a1'), event('a2'), event('a3')] };
      const res = await one.request('POST', '/v1/events', keys.acme!.ingest, body);
      assert.equal(res.status, 200);
      assert.deepEqual(await res.json(), { ok: true, received: 3, stored: 3, duplicates: 0 });
      const again = await two.request('POST', '/v1/events', keys.acme!.ingest, {
        batch: [...body.batch, event('a4'), event('a4')],
      });
      assert.deepEqual(await again.json(), { ok: true, received: 5, stored: 1, duplicates: 4 });
    });

    test('concurrent retries through two API processes store the batch once', async () => {
      const body = { batch: Array.from({ length: 100 }, (_, i) => event(`cc${i}`)) };
      const replies = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          (i % 2 ? one : two).request('POST', '/v1/events', keys.acme!.ingest, body),
        ),
      );
      const parsed = (await Promise.all(replies.map((r) => r.json()))) as {
        stored: number;
        duplicates: number;
      }[];
      assert.equal(
        parsed.reduce((n, r) => n + r.stored, 0),
        100,
      );
      assert.equal(
        parsed.reduce((n, r) => n + r.duplicates, 0),
        500,
      );
    });

    test('a batch with one invalid item stores nothing', async () => {
      const res = await one.request('POST', '/v1/events', keys.acme!.ingest, {
        batch: [event('bad1'), event('bad2', { timestamp: 'yesterday' })],
      });
      assert.equal(res.status, 400);
      const [row] = await one.store.read("SELECT count(*) AS n FROM events WHERE id LIKE 'bad%'");
      assert.equal(row!.n, 0);
    });

    test('identify merges anonymous history and traits; the timeline pages with a cursor', async () => {
      await one.request('POST', '/v1/events', keys.acme!.ingest, [
        { id: 'anon1', anonymousId: 'visitor-9', name: 'Ad Clicked', timestamp: '2025-05-01T09:00:00Z' },
        { id: 'anon2', anonymousId: 'visitor-9', name: 'Product Viewed', timestamp: '2025-05-01T09:05:00Z' },
      ]);
      await two.request('POST', '/v1/identify', keys.acme!.ingest, {
        customerId: 'ann',
        anonymousId: 'visitor-9',
        traits: { plan: 'basic', region: 'EU' },
      });
      await one.request('POST', '/v1/identify', keys.acme!.ingest, {
        userId: 'ann',
        traits: { plan: 'vip' },
      });
      await one.request('POST', '/v1/events', keys.acme!.ingest, {
        id: 'known1',
        customerId: 'ann',
        name: 'Order Completed',
        timestamp: '2025-05-02T10:00:00Z',
      });
      await two.request(
        'POST',
        '/v1/feedback',
        keys.acme!.ingest,
        feedback('annf', { customerId: 'ann', timestamp: '2025-05-03T10:00:00Z' }),
      );
      const first = (await (
        await two.request('GET', '/v1/customers/ann/timeline?limit=3', keys.acme!.secret)
      ).json()) as {
        customer: { traits: Record<string, string>; anonymousIds: string[]; firstSeen: number };
        items: { id: string }[];
        next: string;
      };
      assert.deepEqual(first.customer.traits, { plan: 'vip', region: 'EU' });
      assert.deepEqual(first.customer.anonymousIds, ['visitor-9']);
      assert.equal(first.customer.firstSeen, Date.parse('2025-05-01T09:00:00Z'));
      assert.deepEqual(
        first.items.map((i) => i.id),
        ['anon1', 'anon2', 'known1'],
      );
      const second = (await (
        await one.request('GET', `/v1/customers/ann/timeline?limit=3&cursor=${first.next}`, keys.acme!.secret)
      ).json()) as { items: { id: string }[]; next: null };
      assert.deepEqual(
        second.items.map((i) => i.id),
        ['annf'],
      );
      assert.equal(second.next, null);
      const bad = await one.request('GET', '/v1/customers/ann/timeline?cursor=garbage', keys.acme!.secret);
      assert.equal(bad.status, 400);
    });

    test('a dashboard session made on one process works on the other, and sign-out there ends it', async () => {
      const origin = 'http://localhost';
      const signIn = await one.app.request('/v1/session', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin },
        body: JSON.stringify({ key: keys.acme!.secret }),
      });
      assert.equal(signIn.status, 200);
      const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
      const journey = (app: typeof one.app) => app.request('/v1/journey', { headers: { cookie } });
      assert.equal((await journey(two.app)).status, 200);
      const signOut = await two.app.request('/v1/session', { method: 'DELETE', headers: { cookie, origin } });
      assert.equal(signOut.status, 204);
      assert.equal((await journey(one.app)).status, 401);
    });

    test('one workspace never sees another', async () => {
      await one.request('POST', '/v1/events', keys.acme!.ingest, event('shared-id', { customerId: 'iso' }));
      const other = await two.request(
        'POST',
        '/v1/events',
        keys.globex!.ingest,
        event('shared-id', { customerId: 'iso', name: 'Ad Clicked' }),
      );
      assert.deepEqual(await other.json(), { ok: true, received: 1, stored: 1, duplicates: 0 });
      const globex = (await (
        await one.request('GET', '/v1/customers/iso/timeline', keys.globex!.secret)
      ).json()) as { items: { name: string }[] };
      assert.deepEqual(
        globex.items.map((i) => i.name),
        ['Ad Clicked'],
      );
      assert.equal((await one.request('GET', '/v1/customers/c1/timeline', keys.globex!.secret)).status, 404);
    });
  });

  describe('cxloop serve --db postgres://...', () => {
    let db: string;
    const servers: Awaited<ReturnType<typeof startServerProcess>>[] = [];
    before(async () => {
      db = await server.createDatabase();
    });
    after(async () => {
      for (const s of servers) await s.stop();
      for (const file of ['keys.json', 'server.json']) rmSync(besideDatabase(db, file), { force: true });
    });

    test('two server processes on one database: events sent to both are stored once', async () => {
      // One after the other: the first creates the workspace and its keys, the second finds them.
      servers.push(await startServerProcess(db));
      servers.push(await startServerProcess(db));
      const [a, b] = servers as [(typeof servers)[0], (typeof servers)[0]];
      assert.ok(a.ingestKey && a.secretKey, 'the first start prints the new keys');
      assert.equal(b.ingestKey, a.ingestKey);
      const body = JSON.stringify({ batch: Array.from({ length: 50 }, (_, i) => event(`p${i}`)) });
      const post = (url: string) =>
        fetch(`${url}/v1/events`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${a.ingestKey}` },
          body,
        }).then((r) => r.json() as Promise<{ stored: number; duplicates: number }>);
      const replies = await Promise.all([post(a.url), post(b.url), post(a.url), post(b.url)]);
      assert.equal(
        replies.reduce((n, r) => n + r.stored, 0),
        50,
      );
      const timeline = (await (
        await fetch(`${b.url}/v1/customers/c1/timeline?limit=100`, {
          headers: { authorization: `Bearer ${a.secretKey}` },
        })
      ).json()) as { items: unknown[] };
      assert.equal(timeline.items.length, 50);
    });
  });
});
