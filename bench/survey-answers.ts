/**
 * Survey answer throughput over HTTP against a real `cxloop serve` process on a fresh DuckDB file.
 * Issues N link invitations, then submits one scored answer per invitation through the hosted
 * page's JSON endpoint (`POST /s/{token}/answers`), `concurrency` requests in flight over
 * keep-alive, and prints answers/s and the latency percentiles. Every answer is also ingested as
 * feedback (a CSAT score), as in production.
 *
 * Usage: node --import tsx bench/survey-answers.ts [--answers 5000] [--concurrency 64] [--label now]
 * Run it on two commits to compare paths (the report of issue #15 gives both).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Agent, request } from 'undici';
import { secretKeyByLink } from '../tests/server-process.ts';

const { values } = parseArgs({
  options: {
    answers: { type: 'string', default: '5000' },
    concurrency: { type: 'string', default: '64' },
    label: { type: 'string', default: 'this commit' },
  },
});
const ANSWERS = Number(values.answers);
const CONCURRENCY = Number(values.concurrency);
const dir = mkdtempSync(join(tmpdir(), 'cxloop-bench-answers-'));

async function startServer() {
  const child = spawn(
    process.execPath,
    ['bin/cxloop.js', 'serve', '--db', join(dir, 'bench.duckdb'), '--port', '0'],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, LOG_LEVEL: 'warn', CXLOOP_PUBLIC_RATE_PER_MINUTE: '100000000' },
    },
  );
  let out = '';
  for await (const chunk of child.stdout!) {
    out += chunk;
    const url = out.match(/running at (\S+)/)?.[1];
    // The first start prints a one-time sign-in link for the admin; the bench makes its key as them.
    const link = out.match(/sign in {4}(\S+)/)?.[1];
    if (url && link) return { child, url, secret: await secretKeyByLink(url, link) };
  }
  throw new Error(`server did not start: ${out}`);
}

const agent = new Agent({ connections: CONCURRENCY, pipelining: 1 });
async function call(url: string, method: 'PUT' | 'POST', key: string | null, body: unknown) {
  const res = await request(url, {
    method,
    dispatcher: agent,
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify(body),
  });
  const text = await res.body.text();
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${text}`);
  return JSON.parse(text) as Record<string, unknown>;
}

/** Runs `total` tasks with `concurrency` in flight. */
async function pool(total: number, concurrency: number, task: (i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) await task(next++);
    }),
  );
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

const server = await startServer();
let row: string[];
try {
  await call(`${server.url}/v1/surveys/bench`, 'PUT', server.secret, {
    name: 'bench',
    touchpoint: 'delivery',
    questions: [
      { id: 'score', kind: 'csat', text: 'How was the delivery?' },
      { id: 'why', kind: 'text', text: 'Why?' },
    ],
  });
  const tokens: string[] = [];
  await pool(ANSWERS, 16, async (i) => {
    const r = await call(`${server.url}/v1/surveys/bench/invitations`, 'POST', server.secret, {
      customerId: `a-${i}`,
    });
    tokens.push(r.token as string);
  });
  const latencies: number[] = [];
  const started = performance.now();
  await pool(tokens.length, CONCURRENCY, async (i) => {
    const t = performance.now();
    await call(`${server.url}/s/${tokens[i]}/answers`, 'POST', null, {
      answers: [{ question: 'score', value: 1 + (i % 5) }],
    });
    latencies.push(performance.now() - t);
  });
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  row = [
    values.label!,
    String(Math.round(tokens.length / seconds)),
    ...[50, 95, 99].map((p) => percentile(latencies, p).toFixed(1)),
    `${tokens.length} answers, ${CONCURRENCY} in flight`,
  ];
} finally {
  server.child.kill('SIGTERM');
  await new Promise((r) => server.child.once('exit', r));
  await agent.close();
  rmSync(dir, { recursive: true, force: true });
}

const head = ['path', 'answers/s', 'p50 ms', 'p95 ms', 'p99 ms', 'notes'];
const widths = head.map((h, c) => Math.max(h.length, row[c]!.length));
const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`;
console.log(line(head));
console.log(line(widths.map((w) => '-'.repeat(w))));
console.log(line(row));
