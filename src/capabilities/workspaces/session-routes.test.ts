import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import { Hono } from 'hono';
import { tempDir, testApp } from '../../../tests/helpers.ts';
import { createServices } from '../graph.ts';
import { createApp } from '../../app/http/app.ts';
import { dashboardRoutes } from '../../app/http/dashboard.ts';
import type { AppEnv } from '../http-env.ts';
import { SESSION_TTL_MS } from './sessions.ts';

const ORIGIN = 'http://localhost';

describe('dashboard sessions', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let clock = Date.parse('2025-06-30T12:00:00Z');
  before(async () => (t = await testApp(() => clock)));
  after(() => t.close());

  const signIn = (key: string) =>
    t.app.request('/v1/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN },
      body: JSON.stringify({ key }),
    });
  const cookieOf = (res: Response) => res.headers.get('set-cookie')!.split(';')[0]!;
  const withCookie = (cookie: string, path: string, init: RequestInit = {}) =>
    t.app.request(path, { ...init, headers: { cookie, ...(init.headers as Record<string, string>) } });

  test('the secret key becomes an http-only, Secure, SameSite=Strict cookie that reads the workspace', async () => {
    const res = await signIn(t.keys.acme!.secret);
    assert.equal(res.status, 200);
    const setCookie = res.headers.get('set-cookie')!;
    assert.match(setCookie, /^cxloop_session=[\w-]{40,};/);
    assert.match(setCookie, /HttpOnly/);
    assert.match(setCookie, /Secure/);
    assert.match(setCookie, /SameSite=Strict/);
    assert.match(setCookie, new RegExp(`Max-Age=${SESSION_TTL_MS / 1000}`));
    const body = (await res.json()) as {
      workspace: { id: string };
      expiresAt: number;
      ingestKeys: unknown[];
    };
    assert.equal(body.workspace.id, 'acme');
    assert.equal(body.expiresAt, clock + SESSION_TTL_MS);
    assert.equal(body.ingestKeys.length, 1);
    const journey = await withCookie(cookieOf(res), '/v1/journey');
    assert.equal(journey.status, 200);
    // The key itself is not in the cookie: the server keeps only the session token's hash.
    assert.ok(!setCookie.includes(t.keys.acme!.secret));
  });

  test('the ingest key cannot sign in, and says why', async () => {
    const res = await signIn(t.keys.acme!.ingest);
    assert.equal(res.status, 403);
    assert.equal(res.headers.get('set-cookie'), null);
    const body = (await res.json()) as { error: { code: string; message: string } };
    assert.equal(body.error.code, 'ingest_key');
    assert.match(body.error.message, /write-only ingest key/);
    assert.equal((await signIn('cx_secret_nope')).status, 401);
  });

  test('a cookie opens only its own workspace', async () => {
    const cookie = cookieOf(await signIn(t.keys.globex!.secret));
    const session = (await (await withCookie(cookie, '/v1/session')).json()) as { workspace: { id: string } };
    assert.equal(session.workspace.id, 'globex');
  });

  test('a state-changing request with the cookie must come from the same origin', async () => {
    const cookie = cookieOf(await signIn(t.keys.acme!.secret));
    const put = (origin: string) =>
      withCookie(cookie, '/v1/contact-policy', {
        method: 'PUT',
        headers: { origin, 'content-type': 'application/json' },
        body: JSON.stringify({}),
      });
    const foreign = await put('http://localhost:9999');
    assert.equal(foreign.status, 403);
    assert.notEqual((await put(ORIGIN)).status, 403);
  });

  test('sign-out ends the session on the server, not only in the browser', async () => {
    const cookie = cookieOf(await signIn(t.keys.acme!.secret));
    const out = await withCookie(cookie, '/v1/session', { method: 'DELETE', headers: { origin: ORIGIN } });
    assert.equal(out.status, 204);
    assert.match(out.headers.get('set-cookie')!, /cxloop_session=;.*Max-Age=0/);
    const again = await withCookie(cookie, '/v1/journey');
    assert.equal(again.status, 401);
    assert.equal(((await again.json()) as { error: { code: string } }).error.code, 'session_expired');
  });

  test('sessions expire, and revoking the key ends its sessions', async () => {
    const cookie = cookieOf(await signIn(t.keys.acme!.secret));
    clock += SESSION_TTL_MS - 1000;
    assert.equal((await withCookie(cookie, '/v1/journey')).status, 200);
    clock += 2000;
    assert.equal((await withCookie(cookie, '/v1/journey')).status, 401);

    const live = cookieOf(await signIn(t.keys.globex!.secret));
    const key = (await t.store.listKeys('globex')).find((k) => k.kind === 'secret')!;
    await t.store.revokeKey('globex', key.id, clock);
    assert.equal((await withCookie(live, '/v1/journey')).status, 401, 'at once, not after a grace period');
  });

  test('sessions are kept in the database: another app over the same store knows them', async () => {
    const cookie = cookieOf(await signIn(t.keys.acme!.secret));
    const other = createApp(createServices(t.store, () => clock));
    assert.equal((await other.request('/v1/journey', { headers: { cookie } })).status, 200);
    await other.request('/v1/session', { method: 'DELETE', headers: { cookie, origin: ORIGIN } });
    assert.equal((await withCookie(cookie, '/v1/journey')).status, 401);
  });
});

describe('dashboard files', () => {
  const tmp = tempDir();
  const dist = join(tmp.dir, 'dist');
  const app = new Hono<AppEnv>();
  app.get('/v1/known', (c) => c.json({ ok: true }));
  app.notFound((c) => c.json({ error: { code: 'not_found' } }, 404));
  before(() => {
    mkdirSync(join(dist, 'assets'), { recursive: true });
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>cxloop</title>');
    writeFileSync(join(dist, 'assets', 'app-abc123.js'), 'console.log(1);'.repeat(200));
    dashboardRoutes(app, dist);
  });
  after(() => tmp.cleanup());

  test('hashed assets are cached for a year and sent gzipped', async () => {
    const res = await app.request('/assets/app-abc123.js', { headers: { 'accept-encoding': 'gzip, br' } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.equal(res.headers.get('content-encoding'), 'gzip');
    assert.match(res.headers.get('content-type')!, /javascript/);
    const text = gunzipSync(Buffer.from(await res.arrayBuffer())).toString();
    assert.ok(text.startsWith('console.log(1);'));
  });

  test('client routes fall back to index.html, revalidated, with a strict content policy', async () => {
    for (const path of ['/', '/touchpoints/delivery', '/scores']) {
      const res = await app.request(`${path}?metric=nps`);
      assert.equal(res.status, 200, path);
      assert.equal(res.headers.get('cache-control'), 'no-cache');
      assert.match(res.headers.get('content-security-policy')!, /script-src 'self'/);
      assert.match(await res.text(), /<title>cxloop/);
    }
  });

  test('API paths, missing files and escapes stay 404', async () => {
    assert.equal((await app.request('/v1/known')).status, 200);
    for (const path of [
      '/v1/unknown',
      '/openapi.json',
      '/assets/missing.js',
      '/../package.json',
      '/%2e%2e/x.js',
    ])
      assert.equal((await app.request(path)).status, 404, path);
  });
});
