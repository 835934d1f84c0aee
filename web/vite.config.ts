import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The dashboard: static files in web/dist that `cxloop serve` hands out at `/`. Pages are loaded
 * on demand, so the first page (the journey map) carries no chart library.
 * `npm run dev:web` serves it with live reload against a cxloop server on port 3000.
 */
export default defineConfig({
  root: fileURLToPath(new URL('./', import.meta.url)),
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // The browser test measures the gzipped first page itself.
    reportCompressedSize: false,
    chunkSizeWarningLimit: 1000,
  },
  server: {
    proxy: Object.fromEntries(
      ['/v1', '/openapi.json', '/healthz'].map((path) => [
        path,
        `http://127.0.0.1:${process.env.CXLOOP_PORT ?? 3000}`,
      ]),
    ),
  },
});
