import { readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Context, Hono } from 'hono';
import type { AppEnv } from '../../capabilities/http-env.ts';

/** Where `npm run build:web` puts the dashboard. */
export const DASHBOARD_DIR = fileURLToPath(new URL('../../../web/dist/', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.svg', '.json', '.txt']);

// Paths the API and the survey pages own: an unknown one there is a JSON 404, not the dashboard.
const NOT_DASHBOARD = /^\/(v1|s|u)(\/|$)|^\/(openapi\.json|healthz|metrics|sdk\.js)$/;

/**
 * The dashboard's page sets no inline script, so the policy can forbid them all: even a comment
 * that reached the page as HTML could not run. ECharts writes inline styles, hence style-src.
 */
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
};

interface Asset {
  body: Buffer;
  gzip: Buffer | null;
  type: string;
  mtimeMs: number;
}

const NOT_BUILT = `<!doctype html><html lang="en"><meta charset="utf-8"><title>cxloop</title>
<body style="font-family:system-ui;max-width:40rem;margin:3rem auto;padding:0 1rem">
<h1>The dashboard is not built</h1>
<p>Build it with <code>npm run build:web</code> (<code>npm start</code> does this by itself), then reload.
The API works without it: see <a href="/openapi.json">/openapi.json</a>.</p></body></html>`;

/**
 * Serves the built dashboard at `/`: hashed files under /assets/ are cached for a year, the page
 * itself is revalidated on every visit, and any other path without a file extension is a client
 * route answered with index.html. Register it after every other route.
 */
export function dashboardRoutes(app: Hono<AppEnv>, dir = DASHBOARD_DIR) {
  const cache = new Map<string, Asset>();

  const load = (file: string): Asset | null => {
    let mtimeMs: number;
    try {
      const stat = statSync(file);
      if (!stat.isFile()) return null;
      mtimeMs = stat.mtimeMs;
    } catch {
      return null;
    }
    const hit = cache.get(file);
    if (hit && hit.mtimeMs === mtimeMs) return hit;
    const ext = extname(file);
    const body = readFileSync(file);
    const asset = {
      body,
      gzip: COMPRESSIBLE.has(ext) && body.length > 1024 ? gzipSync(body) : null,
      type: TYPES[ext] ?? 'application/octet-stream',
      mtimeMs,
    };
    cache.set(file, asset);
    return asset;
  };

  const send = (c: Context<AppEnv>, asset: Asset, cacheControl: string) => {
    const gzip = asset.gzip && /\bgzip\b/.test(c.req.header('accept-encoding') ?? '');
    const headers: Record<string, string> = {
      'content-type': asset.type,
      'cache-control': cacheControl,
      vary: 'accept-encoding',
      ...SECURITY_HEADERS,
      ...(gzip ? { 'content-encoding': 'gzip' } : {}),
    };
    const body = gzip ? asset.gzip! : asset.body;
    return c.body(new Uint8Array(body), 200, headers);
  };

  // Hono answers HEAD with the GET handler's headers.
  app.get('*', (c) => {
    let path: string;
    try {
      path = decodeURIComponent(c.req.path);
    } catch {
      return c.notFound();
    }
    if (NOT_DASHBOARD.test(path)) return c.notFound();
    const file = normalize(join(dir, path));
    if (!file.startsWith(normalize(dir + sep)) && file !== normalize(dir)) return c.notFound();
    if (extname(path)) {
      const asset = load(file);
      if (!asset) return c.notFound();
      const immutable = path.startsWith('/assets/');
      return send(c, asset, immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    }
    const index = load(join(dir, 'index.html'));
    if (!index) return c.html(NOT_BUILT, 503, SECURITY_HEADERS);
    return send(c, index, 'no-cache');
  });
}
