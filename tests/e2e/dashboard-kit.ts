import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type Browser, type BrowserContext, type Page, type Response as PageResponse } from 'playwright-core';
import { buildDashboardIfStale } from '../../web/build-if-stale.mjs';
import { tempDir } from '../helpers.ts';
import { startServerProcess } from '../server-process.ts';
import { chromiumMissing, launchChromium } from './chromium.ts';

/**
 * What the dashboard's browser tests share: a real `cxloop serve` on a fresh database with a small
 * demo data set, the built dashboard it serves, and Debian's Chromium driven by playwright-core.
 */

// Tests write here only (git-ignored): a test run never changes a tracked file. The README's image
// is refreshed on purpose by `npm run docs:screenshot`.
export const SCREENSHOTS = join('artifacts', 'screenshots');
const DEMO_CUSTOMERS = 3000;

export interface DashboardKit {
  url: string;
  secretKey: string;
  ingestKey: string;
  browser: Browser;
  /** GET an API path with the secret key, as JSON */
  api<T>(path: string): Promise<T>;
  post(path: string, key: string, body: unknown): Promise<Response>;
  /** a fresh browser (no cookies) on the dashboard, at laptop size unless told */
  newPage(viewport?: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page }>;
  signIn(page: Page, key?: string): Promise<void>;
  screenshot(page: Page, name: string): Promise<string>;
  close(): Promise<void>;
}

export async function dashboardKit({ demoCustomers = DEMO_CUSTOMERS } = {}): Promise<DashboardKit> {
  // Before anything starts: without the browser there is nothing to test, and the error says what to install.
  const missing = chromiumMissing();
  if (missing) throw new Error(missing);
  await buildDashboardIfStale({ quiet: true });
  const tmp = tempDir('cxloop-dashboard-');
  if (demoCustomers > 0) {
    const demo = spawnSync(
      process.execPath,
      ['bin/cxloop.js', 'demo', '--db', tmp.db, '--customers', String(demoCustomers)],
      { encoding: 'utf8', env: { ...process.env, LOG_LEVEL: 'warn' } },
    );
    if (demo.status !== 0) throw new Error(`demo failed: ${demo.stderr}`);
  }
  const server = await startServerProcess(tmp.db);
  if (!server.secretKey || !server.ingestKey) throw new Error('the server printed no keys');
  const browser = await launchChromium();
  mkdirSync(SCREENSHOTS, { recursive: true });

  const api = async <T>(path: string): Promise<T> => {
    const res = await fetch(server.url + path, { headers: { authorization: `Bearer ${server.secretKey}` } });
    if (!res.ok)
      throw Object.assign(new Error(`${path}: ${res.status} ${await res.text()}`), { status: res.status });
    return (await res.json()) as T;
  };

  return {
    url: server.url,
    secretKey: server.secretKey,
    ingestKey: server.ingestKey,
    browser,
    api,
    post: (path, key, body) =>
      fetch(server.url + path, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    async newPage(viewport = { width: 1440, height: 900 }) {
      const context = await browser.newContext({ viewport, locale: 'en-US', timezoneId: 'UTC' });
      const page = await context.newPage();
      page.on('pageerror', (error) => {
        throw new Error(`page error: ${error.message}`);
      });
      return { context, page };
    },
    async signIn(page, key = server.secretKey!) {
      await page.goto(server.url + '/');
      await page.getByLabel('Secret key').fill(key);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('navigation', { name: 'Pages' }).waitFor();
    },
    async screenshot(page, name) {
      const path = join(SCREENSHOTS, `${name}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
    async close() {
      await browser.close();
      await server.stop();
      tmp.cleanup();
    },
  };
}

/** Same-origin scripts, styles and the page itself, gzipped as the server sends them. */
export async function firstPageBytes(page: Page, url: string, open: () => Promise<void>) {
  const bodies: { url: string; bytes: number; gzipped: number }[] = [];
  const pending: Promise<void>[] = [];
  const seen = new Set<string>();
  const onResponse = (response: PageResponse) => {
    const type = response.request().resourceType();
    if (!response.url().startsWith(url) || !['document', 'script', 'stylesheet'].includes(type)) return;
    if (seen.has(response.url())) return;
    seen.add(response.url());
    pending.push(
      response.body().then(
        (body) =>
          void bodies.push({ url: response.url(), bytes: body.length, gzipped: gzipSync(body).length }),
        () => undefined, // a response the page dropped has no body to count
      ),
    );
  };
  page.on('response', onResponse);
  await open();
  page.off('response', onResponse);
  await Promise.all(pending);
  return {
    files: bodies,
    bytes: bodies.reduce((n, b) => n + b.bytes, 0),
    gzipped: bodies.reduce((n, b) => n + b.gzipped, 0),
  };
}

/** The text of every element matching `selector`, trimmed. */
export async function texts(page: Page, selector: string): Promise<string[]> {
  return (await page.locator(selector).allInnerTexts()).map((t) => t.trim());
}

export const oneDecimal = new Intl.NumberFormat('en-US', {
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});

const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The window the dashboard opens with: the last 90 days, today included. */
export const defaultWindow = () => ({ from: isoDay(Date.now() - 89 * DAY), to: isoDay(Date.now()) });

/** The paths the server's OpenAPI document lists: a page whose API has not landed says so. */
export async function documentedPaths(url: string): Promise<Set<string>> {
  const openapi = (await (await fetch(`${url}/openapi.json`)).json()) as { paths: Record<string, unknown> };
  return new Set(Object.keys(openapi.paths));
}
