/**
 * HTTP ingest benchmark: batches of 500 events sent from a separate process over loopback to a
 * real `cxloop serve` on a fresh DuckDB file, each acknowledged only after commit; compared in the
 * same run with the raw engine path (the same rows appended straight into DuckDB, one commit per
 * 500-row batch). The two alternate for a few rounds and the medians are compared, because this
 * shared 2-core machine swings by 15 % from one run to the next. Prints a table.
 * Usage: node --import tsx bench/ingest.ts [--events 1000000] [--rounds 3] [--fill 5000000]
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { indexJourney } from '../src/core/journey/rules.ts';
import { defaultJourney } from '../src/capabilities/journeys/templates.ts';
import type { EventRow } from '../src/core/ingest/rows.ts';
import { appendChunks } from '../src/platform/store/duckdb/column-append.ts';
import { prepare } from '../src/platform/store/duckdb/ingest.ts';
import { INGEST_MIGRATIONS } from '../src/capabilities/ingest/migrations.ts';
import { DUCKDB_SETTINGS } from '../src/platform/store/duckdb/store.ts';
import { BATCH, benchEvent } from './ingest-events.ts';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    fill: { type: 'string', default: '5000000' },
    concurrency: { type: 'string', default: '8' },
    rounds: { type: 'string', default: '3' },
  },
});
const ROUNDS = Number(values.rounds);
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
 * The raw engine path: the same kind of rows, already validated, appended to the same table with
 * the server's own preparation, appender and DuckDB settings, one transaction per 500 rows, in
 * this process. Building the rows is not timed.
 */
async function raw(events: number, round: number) {
  const instance = await DuckDBInstance.create(join(dir, 'raw.duckdb'), DUCKDB_SETTINGS);
  const c = await instance.connect();
  // The events table as the ingest capability creates it.
  if (round === 0) for (const m of INGEST_MIGRATIONS) await c.run(m.duckdb);
  const journey = indexJourney(defaultJourney());
  const firstEvent = Date.now() - 6 * 3600_000;
  const receivedAt = Date.now();
  const batches = Array.from({ length: events / BATCH }, (_, b) =>
    Array.from({ length: BATCH }, (_, i): EventRow => {
      const e = benchEvent(b * BATCH + i, `raw${round}`, firstEvent);
      return {
        id: e.id,
        customerId: e.customerId,
        anonymousId: null,
        name: e.name,
        touchpoint: journey.touchpointFor(e.name, e.properties),
        timestamp: Date.parse(e.timestamp),
        receivedAt,
        properties: JSON.stringify(e.properties),
        context: null,
      };
    }),
  );
  const start = performance.now();
  for (const rows of batches) {
    // The server's own preparation (id hashes, rows into chunks), then the append and the commit.
    const item = prepare('default', { events: rows, feedback: [], identifies: [] });
    await c.run('BEGIN TRANSACTION');
    await appendChunks(c, 'events', null, item.eventChunks);
    await c.run('COMMIT');
  }
  const seconds = (performance.now() - start) / 1000;
  c.closeSync();
  instance.closeSync();
  return events / seconds;
}

const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;

const { child, url, key } = await startServer();
const pid = child.pid!;
client(url, key, 50_000, 0, 'warm');
const rssBefore = rssMiB(pid);
// HTTP and raw take turns (the server idles while the raw path runs); both tables keep growing.
const fulls: ReturnType<typeof client>[] = [];
const raws: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  fulls.push(client(url, key, EVENTS, 0, `full${round}`));
  raws.push(await raw(EVENTS, round));
}
const httpRate = median(fulls.map((f) => f.eventsPerSecond));
const rawRate = median(raws);
const full = fulls.find((f) => f.eventsPerSecond === httpRate)!;
const half = client(url, key, Math.min(EVENTS, 500_000), httpRate / 2, 'half');
let sent = 50_000 + fulls.reduce((n, f) => n + f.events, 0) + half.events;
const fill = FILL > sent ? client(url, key, FILL - sent, 0, 'fill') : null;
sent += fill?.events ?? 0;
const rssAfter = rssMiB(pid);
child.kill('SIGTERM');
await new Promise((r) => child.once('exit', r));
rmSync(dir, { recursive: true, force: true });

const fmt = (n: number, d = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const rows: [string, string][] = [
  [
    'HTTP ingest, batches of 500, max load',
    `${fmt(httpRate)} events/s median, ${CONCURRENCY} in flight (rounds: ${fulls.map((f) => fmt(f.eventsPerSecond)).join(', ')})`,
  ],
  [
    'raw engine path (appender, commit per 500)',
    `${fmt(rawRate)} events/s median (rounds: ${raws.map((r) => fmt(r)).join(', ')})`,
  ],
  [
    'ratio HTTP / raw',
    `${fmt((100 * httpRate) / rawRate, 1)} % of medians (rounds: ${fulls.map((f, i) => `${fmt((100 * f.eventsPerSecond) / raws[i]!, 1)} %`).join(', ')})`,
  ],
  ['batch latency at half load, p50', `${fmt(half.p50, 1)} ms (at ${fmt(httpRate / 2)} events/s)`],
  ['batch latency at half load, p99', `${fmt(half.p99, 1)} ms`],
  ['batch latency at max load, p50 / p99', `${fmt(full.p50, 1)} / ${fmt(full.p99, 1)} ms`],
  ['server RSS after warm-up', `${fmt(rssBefore)} MiB`],
  [`server RSS after ${fmt(sent)} events`, `${fmt(rssAfter)} MiB`],
  [
    'failed requests',
    String(fulls.reduce((n, f) => n + f.failures, 0) + half.failures + (fill?.failures ?? 0)),
  ],
];
const width = Math.max(...rows.map(([k]) => k.length));
console.log(
  `\ncxloop ingest benchmark (${new Date().toISOString()}, ${process.arch}, node ${process.version})\n`,
);
for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
