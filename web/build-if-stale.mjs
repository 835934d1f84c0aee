// Builds the dashboard (web/dist) when it is missing or older than its sources, so `npm start`
// and `npm test` always serve the current code without a separate build step.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = fileURLToPath(new URL('./', import.meta.url));
const stamp = join(web, 'dist', 'index.html');
const sources = [
  join(web, 'src'),
  join(web, 'index.html'),
  join(web, 'vite.config.ts'),
  join(web, '..', 'package-lock.json'),
];

function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newest(join(path, name))), stat.mtimeMs);
}

export function dashboardIsStale() {
  return !existsSync(stamp) || Math.max(...sources.map(newest)) > statSync(stamp).mtimeMs;
}

/** Resolves once web/dist is current; returns whether it built. */
export async function buildDashboardIfStale({ quiet = false } = {}) {
  if (!dashboardIsStale()) return false;
  let vite;
  try {
    vite = await import('vite');
  } catch {
    // A production install without dev dependencies: the server still runs and says how to build.
    console.warn(
      'cxloop: the dashboard is not built and vite is not installed (npm install, then npm run build:web)',
    );
    return false;
  }
  const started = Date.now();
  await vite.build({ configFile: join(web, 'vite.config.ts'), logLevel: quiet ? 'warn' : 'info' });
  if (!quiet) console.log(`cxloop: dashboard built in ${Date.now() - started} ms`);
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildDashboardIfStale({ quiet: process.argv.includes('--quiet') });
}
