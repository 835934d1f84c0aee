/**
 * Isolation benchmark: one-event ingest latency in one workspace, and /healthz, while another
 * workspace keeps the heaviest requests the API accepts in flight, side by side with no load.
 * A real `cxloop serve` on a fresh DuckDB file with its default pool limits; the heavy requests
 * are re-sent back to back for the whole window from another process (bench/isolation-sender.ts),
 * the probes go one at a time every 50 ms from this one.
 * Prints a table, asserts nothing (tests/isolation.test.ts asserts).
 * Usage: node --import tsx bench/isolation.ts [--seconds 10]
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { defaultPoolLimits } from '../src/platform/workers/limits.ts';
import { tempDir } from '../tests/helpers.ts';
import {
  dematelBody,
  ingestOnce,
  percentile,
  post,
  prepareWorkspaces,
  probeWhile,
} from '../tests/heavy-load.ts';
import { startServerProcess } from '../tests/server-process.ts';
import { KINDS, type Kind, type SenderReport } from './isolation-sender.ts';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '10' } } });
const WINDOW_MS = Number(values.seconds) * 1000;

/** Peak resident memory of the server process so far (worker threads included), MiB. */
function peakRssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmHWM'));
  return Number(line?.match(/\d+/)?.[0] ?? 0) / 1024;
}

/** Starts the sender process; resolves once its body is built, with a promise of its report. */
async function startSender(url: string, key: string, kind: Kind) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'bench/isolation-sender.ts', url, key, kind, String(WINDOW_MS)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const lines = child.stdout.setEncoding('utf8')[Symbol.asyncIterator]();
  let buffered = '';
  const nextLine = async (): Promise<string> => {
    while (!buffered.includes('\n')) {
      const chunk = await lines.next();
      if (chunk.done) throw new Error(`sender ${kind} ended early`);
      buffered += chunk.value as string;
    }
    const at = buffered.indexOf('\n');
    const line = buffered.slice(0, at);
    buffered = buffered.slice(at + 1);
    return line;
  };
  if ((await nextLine()) !== 'ready') throw new Error(`sender ${kind} did not start`);
  let finished = false;
  const report = nextLine().then((l) => {
    finished = true;
    return JSON.parse(l) as SenderReport;
  });
  return { report, finished: () => finished };
}

const tmp = tempDir('cxloop-bench-isolation-');
const keys = await prepareWorkspaces(tmp.db);
const server = await startServerProcess(tmp.db);
const loadAtStart = loadavg()[0]!;
const rows: string[][] = [];
try {
  const { url } = server;
  for (let i = 0; i < 10; i++) await ingestOnce(url, keys.probe.ingest); // keys, journey, pool warm
  await post(url, '/v1/analyze/dematel', keys.heavy.secret, dematelBody(10));
  for (const kind of [null, ...(Object.keys(KINDS) as Kind[])]) {
    const start = performance.now();
    const sender = kind ? await startSender(url, keys.heavy.secret, kind) : null;
    const probes = await probeWhile(
      url,
      keys.probe.ingest,
      () => (sender ? sender.finished() : performance.now() - start >= WINDOW_MS),
      50,
    );
    const report = sender ? await sender.report : null;
    const stats = (ms: number[]) =>
      `${percentile(ms, 50).toFixed(1)} / ${percentile(ms, 99).toFixed(1)} / ${Math.max(...ms).toFixed(1)}`;
    rows.push([
      kind ? KINDS[kind].name : 'no load',
      report ? `${(report.bytes / 1024 / 1024).toFixed(2)} MB` : '-',
      report
        ? Object.entries(report.outcomes)
            .map(([k, o]) => `${o.n} x ${k} (${(o.totalMs / o.n / 1000).toFixed(1)} s)`)
            .join(', ')
        : '-',
      String(probes.ingest.length),
      stats(probes.ingest),
      stats(probes.healthz),
      peakRssMiB(server.child.pid!).toFixed(0),
    ]);
  }
} finally {
  await server.stop();
  tmp.cleanup();
}

const limits = defaultPoolLimits();
const headers = [
  'while another workspace sends',
  'body',
  'its replies (mean time)',
  'probes',
  'ingest p50 / p99 / max ms',
  '/healthz p50 / p99 / max ms',
  'server peak RSS MiB',
];
const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((c) => c[i]!.length)));
const line = (v: readonly string[]) => `| ${v.map((x, i) => x.padEnd(widths[i]!)).join(' | ')} |`;
console.log(
  `isolation: node ${process.version}, ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, pool of ${limits.size} ` +
    `worker(s), ${limits.timeLimitMs / 1000} s per run, ${WINDOW_MS / 1000} s windows, ` +
    `load average ${loadAtStart.toFixed(1)} at start, ${loadavg()[0]!.toFixed(1)} at end`,
);
console.log(line(headers));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const r of rows) console.log(line(r));
