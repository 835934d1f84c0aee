/**
 * Survey delivery benchmark against a real `cxloop serve` process on a fresh DuckDB file, with a
 * local SMTP sink (the smtp-server package) in this process. Prints a table:
 *  - answer submission throughput over HTTP (token links, one answer per request, concurrent);
 *  - invitation dispatch throughput to the SMTP server (invitations due now);
 *  - the time for N delayed invitations that fall due at once to drain, and the server's memory meanwhile.
 * Usage: node --import tsx bench/surveys.ts [--answers 5000] [--dispatch 5000] [--drain 100000]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SMTPServer } from 'smtp-server';
import { secretKeyByLink } from '../tests/server-process.ts';

const { values } = parseArgs({
  options: {
    answers: { type: 'string', default: '5000' },
    dispatch: { type: 'string', default: '5000' },
    drain: { type: 'string', default: '100000' },
    concurrency: { type: 'string', default: '32' },
  },
});
const ANSWERS = Number(values.answers);
const DISPATCH = Number(values.dispatch);
const DRAIN = Number(values.drain);
const CONCURRENCY = Number(values.concurrency);
const dir = mkdtempSync(join(tmpdir(), 'cxloop-bench-surveys-'));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function rssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS'));
  return Number(line?.match(/\d+/)?.[0] ?? 0) / 1024;
}

/** Counts messages and throws their bodies away: the sink must not be the bottleneck. */
async function smtpSink() {
  const state = { received: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _s, done) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        state.received++;
        done();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { state, port: (server.server.address() as AddressInfo).port, close: () => server.close() };
}

async function startServer(smtpPort: number) {
  const child = spawn(
    process.execPath,
    ['bin/cxloop.js', 'serve', '--db', join(dir, 'bench.duckdb'), '--port', '0'],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: {
        ...process.env,
        LOG_LEVEL: 'warn',
        CXLOOP_SMTP_HOST: '127.0.0.1',
        CXLOOP_SMTP_PORT: String(smtpPort),
        CXLOOP_SMTP_TLS: 'none',
        CXLOOP_SMTP_MAX_CONNECTIONS: '8',
        CXLOOP_DISPATCH_CONCURRENCY: '100',
        CXLOOP_DISPATCH_BATCH: '1000',
        CXLOOP_DISPATCH_POLL_MS: '100',
        CXLOOP_PUBLIC_RATE_PER_MINUTE: '100000000',
      },
    },
  );
  let out = '';
  for await (const chunk of child.stdout!) {
    out += chunk;
    const url = out.match(/running at (\S+)/)?.[1];
    const ingest = out.match(/ingest key (\S+)/)?.[1];
    // The first start prints a one-time sign-in link for the admin; the bench makes its key as them.
    const link = out.match(/sign in {4}(\S+)/)?.[1];
    if (url && ingest && link) return { child, url, ingest, secret: await secretKeyByLink(url, link) };
  }
  throw new Error(`server did not start: ${out}`);
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

const smtp = await smtpSink();
const server = await startServer(smtp.port);
const call = async (method: string, path: string, key: string | null, body?: unknown) => {
  const res = await fetch(server.url + path, {
    method,
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<Record<string, unknown>>;
};
/** Identifies customers and sends one event each, in batches of 2000, as a shop would. */
async function customersWithEvent(prefix: string, count: number, event: string) {
  for (let from = 0; from < count; from += 2000) {
    const ids = Array.from({ length: Math.min(2000, count - from) }, (_, i) => `${prefix}-${from + i}`);
    await call('POST', '/v1/sdk/identify', server.ingest, {
      batch: ids.map((customerId) => ({ customerId, traits: { email: `${customerId}@bench.test` } })),
    });
    await call('POST', '/v1/events', server.ingest, {
      batch: ids.map((customerId) => ({
        id: `${event}-${customerId}`,
        customerId,
        name: event,
        timestamp: new Date().toISOString(),
      })),
    });
  }
}
const waitForMail = async (count: number) => {
  while (smtp.state.received < count) await sleep(20);
};
const rows: [string, string, string][] = [];

try {
  await call('PUT', '/v1/contact-policy', server.secret, { quietHours: null });
  const survey = (id: string, trigger?: object) => ({
    name: id,
    touchpoint: 'delivery',
    questions: [
      { id: 'score', kind: 'csat', text: 'How was the delivery?' },
      { id: 'why', kind: 'text', text: 'Why?' },
    ],
    triggers: trigger ? [trigger] : [],
  });

  // 1. Answer submission over HTTP.
  await call('PUT', '/v1/surveys/answers', server.secret, survey('answers'));
  const tokens: string[] = [];
  await pool(ANSWERS, CONCURRENCY, async (i) => {
    const r = await call('POST', '/v1/surveys/answers/invitations', server.secret, { customerId: `a-${i}` });
    tokens.push(r.token as string);
  });
  let started = performance.now();
  await pool(tokens.length, CONCURRENCY, async (i) => {
    await call('POST', `/s/${tokens[i]}/answers`, null, {
      answers: [{ question: 'score', value: 1 + (i % 5) }],
    });
  });
  let seconds = (performance.now() - started) / 1000;
  rows.push([
    'answer submission over HTTP',
    `${Math.round(tokens.length / seconds)} answers/s`,
    `${tokens.length} answers, ${CONCURRENCY} in flight, each also ingested as feedback`,
  ]);

  // 2. Dispatch to the SMTP server, invitations due now.
  await call(
    'PUT',
    '/v1/surveys/now',
    server.secret,
    survey('now', { id: 't', event: 'Bench Now', channel: 'email' }),
  );
  started = performance.now();
  await customersWithEvent('n', DISPATCH, 'Bench Now');
  const ingested = performance.now();
  await waitForMail(DISPATCH);
  seconds = (performance.now() - started) / 1000;
  rows.push([
    'invitation dispatch to SMTP',
    `${Math.round(DISPATCH / seconds)} emails/s`,
    `${DISPATCH} invitations due at once, from first event to last email (ingest ${((ingested - started) / 1000).toFixed(1)} s of it)`,
  ]);

  // 3. N delayed invitations falling due at once.
  const delayS = Math.max(20, Math.ceil(DRAIN / 5000));
  await call(
    'PUT',
    '/v1/surveys/later',
    server.secret,
    survey('later', { id: 't', event: 'Bench Later', channel: 'email', delay: `${delayS}s` }),
  );
  const scheduledAt = Date.now();
  await customersWithEvent('l', DRAIN, 'Bench Later');
  const before = smtp.state.received;
  const dueAt = scheduledAt + delayS * 1000;
  if (Date.now() > dueAt) throw new Error(`scheduling took longer than the ${delayS} s delay`);
  const idleRss = rssMiB(server.child.pid!);
  await sleep(dueAt - Date.now());
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMiB(server.child.pid!))), 100);
  await waitForMail(before + DRAIN);
  clearInterval(sampler);
  seconds = (Date.now() - dueAt) / 1000;
  rows.push([
    `${DRAIN} delayed invitations falling due at once`,
    `${seconds.toFixed(1)} s to drain`,
    `${Math.round(DRAIN / seconds)} emails/s`,
  ]);
  rows.push([
    'server memory (RSS) while draining',
    `${peak.toFixed(0)} MiB peak`,
    `${idleRss.toFixed(0)} MiB just before they fell due`,
  ]);
} finally {
  server.child.kill('SIGTERM');
  await new Promise((r) => server.child.once('exit', r));
  smtp.close();
  rmSync(dir, { recursive: true, force: true });
}

const widths = [0, 1, 2].map((c) =>
  Math.max(...rows.map((r) => r[c]!.length), ['measure', 'result', 'notes'][c]!.length),
);
const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`;
console.log(line(['measure', 'result', 'notes']));
console.log(line(widths.map((w) => '-'.repeat(w))));
for (const row of rows) console.log(line(row));
