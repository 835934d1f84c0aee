/**
 * HTTP ingest benchmark: batches of 500 events sent from a separate process over loopback to a
 * real `cxloop serve` on a fresh DuckDB file, each acknowledged only after commit; compared in the
 * same run with the raw engine path (the same rows appended straight into DuckDB, one commit per
 * 500-row batch). Prints a table. Usage: node --import tsx bench/ingest.ts [--events 1000000] [--fill 5000000]
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DuckDBDataChunk, DuckDBInstance, TIMESTAMP, UINTEGER, VARCHAR } from '@duckdb/node-api';
import { MIGRATIONS } from '../src/store/duckdb/migrations.ts';
import { idKey } from '../src/store/duckdb/id-index.ts';
import { timestampValue } from '../src/store/duckdb/values.ts';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    fill: { type: 'string', default: '5000000' },
    concurrency: { type: 'string', default: '8' },
  },
});
const EVENTS = Number(values.events);
const FILL = Number(values.fill);
const CONCURRENCY = Number(values.concurrency);
const dir = mkdtempSync(join(tmpdir(), 'cxloop-bench-'));
const db = join(dir, 'bench.duckdb');

function rssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS'));
  return Number(line?.match(/\d+/)?.[0] ?? 0) / 1024;
}

async function startServer() {
  const child = spawn(process.execPath, ['bin/cxloop.js', 'serve', '--db', db, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, LOG_LEVEL: 'warn' },
  });
  let out = '';
  for await (const chunk of child.stdout!) {
    out += chunk;
    const url = out.match(/running at (\S+)/)?.[1];
    const key = out.match(/ingest key (\S+)/)?.[1];
    if (url && key) return { child, url, key };
  }
  throw new Error(`server did not start: ${out}`);
}

function client(url: string, key: string, events: number, rate: number, prefix: string) {
  const result = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      'bench/ingest-client.ts',
      url,
      key,
      String(events),
      String(CONCURRENCY),
      String(rate),
      prefix,
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20 },
  );
  return JSON.parse(result.stdout) as {
    eventsPerSecond: number;
    p50: number;
    p99: number;
    failures: number;
    events: number;
  };
}

/**
 * The raw engine path: the same rows, as JS values, appended to the same table through the
 * appender (column conversion included) with one transaction per 500 rows, in this process.
 */
async function raw(events: number) {
  const path = join(dir, 'raw.duckdb');
  const instance = await DuckDBInstance.create(path);
  const c = await instance.connect();
  await c.run(MIGRATIONS[0]!);
  const ts = Date.now() - 3600_000;
  const types = [VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR, TIMESTAMP, TIMESTAMP, VARCHAR, VARCHAR, UINTEGER, UINTEGER];
  const batches = Array.from({ length: events / 500 }, (_, b) =>
    Array.from({ length: 500 }, (_, i) => {
      const n = b * 500 + i;
      const id = `raw-${n}`;
      const [hi, lo] = idKey('default', id);
      const props = JSON.stringify({ sku: `SKU-${n % 977}`, price: (n % 5000) / 100, category: 'shoes', page: `/p/${n % 977}` });
      return ['default', id, `c${n % 200000}`, null, 'Product Viewed', 'product-pages', ts, ts, props, null, hi, lo];
    }),
  );
  const start = performance.now();
  for (const rows of batches) {
    await c.run('BEGIN TRANSACTION');
    const appender = await c.createAppender('events');
    const chunk = DuckDBDataChunk.create(types, rows.length);
    chunk.setColumns(types.map((_, col) => rows.map((r) => (col === 6 || col === 7 ? timestampValue(r[col] as number) : r[col]))) as never);
    appender.appendDataChunk(chunk);
    appender.closeSync();
    await c.run('COMMIT');
  }
  const seconds = (performance.now() - start) / 1000;
  c.closeSync();
  instance.closeSync();
  return events / seconds;
}

const { child, url, key } = await startServer();
const pid = child.pid!;
client(url, key, 50_000, 0, 'warm');
const rssBefore = rssMiB(pid);
const full = client(url, key, EVENTS, 0, 'full');
const half = client(url, key, Math.min(EVENTS, 500_000), full.eventsPerSecond / 2, 'half');
let sent = 50_000 + full.events + half.events;
const fill = FILL > sent ? client(url, key, FILL - sent, 0, 'fill') : null;
sent += fill?.events ?? 0;
const rssAfter = rssMiB(pid);
child.kill('SIGTERM');
await new Promise((r) => child.once('exit', r));
const rawRate = await raw(EVENTS);
rmSync(dir, { recursive: true, force: true });

const fmt = (n: number, d = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const rows: [string, string][] = [
  [
    'HTTP ingest, batches of 500, max load',
    `${fmt(full.eventsPerSecond)} events/s (${CONCURRENCY} in flight)`,
  ],
  ['raw engine path (appender, commit per 500)', `${fmt(rawRate)} events/s`],
  ['ratio HTTP / raw', `${fmt((100 * full.eventsPerSecond) / rawRate, 1)} %`],
  [
    'batch latency at half load, p50',
    `${fmt(half.p50, 1)} ms (at ${fmt(full.eventsPerSecond / 2)} events/s)`,
  ],
  ['batch latency at half load, p99', `${fmt(half.p99, 1)} ms`],
  ['batch latency at max load, p50 / p99', `${fmt(full.p50, 1)} / ${fmt(full.p99, 1)} ms`],
  ['server RSS after warm-up', `${fmt(rssBefore)} MiB`],
  [`server RSS after ${fmt(sent)} events`, `${fmt(rssAfter)} MiB`],
  ['failed requests', String(full.failures + half.failures + (fill?.failures ?? 0))],
];
const width = Math.max(...rows.map(([k]) => k.length));
console.log(
  `\ncxloop ingest benchmark (${new Date().toISOString()}, ${process.arch}, node ${process.version})\n`,
);
for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
