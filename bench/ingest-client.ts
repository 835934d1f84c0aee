/**
 * The load generator for bench/ingest.ts, run as its own process so that client work does not
 * share the server's event loop. Sends batches of events over loopback with keep-alive, `concurrency`
 * requests in flight, optionally paced to `rate` events/s, and prints one JSON line of results.
 */
import { Agent, request } from 'undici';
import { BATCH, benchEvent } from './ingest-events.ts';

const [url, key, totalArg, concurrencyArg, rateArg, prefix] = process.argv.slice(2);
const total = Number(totalArg);
const concurrency = Number(concurrencyArg);
const rate = Number(rateArg); // events/s; 0 = as fast as possible
const agent = new Agent({ connections: concurrency, pipelining: 1 });
const auth = `Bearer ${key}`;

/** One batch body; ids are unique per run (prefix) so nothing is a duplicate. */
const firstEvent = Date.now() - 6 * 3600_000;
function body(batch: number): string {
  const items = Array.from({ length: BATCH }, (_, i) => benchEvent(batch * BATCH + i, prefix!, firstEvent));
  return JSON.stringify({ batch: items });
}

const batches = Math.ceil(total / BATCH);
// Bodies are built and encoded before the clock starts, so the client's own work does not compete
// with the server.
const bodies = Array.from({ length: batches }, (_, b) => Buffer.from(body(b)));
const latencies: number[] = [];
let next = 0;
let failures = 0;
const start = performance.now();

async function worker() {
  for (;;) {
    const b = next++;
    if (b >= batches) return;
    if (rate > 0) {
      const due = start + ((b * BATCH) / rate) * 1000;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
    const payload = bodies[b]!;
    const t = performance.now();
    const res = await request(`${url}/v1/events`, {
      method: 'POST',
      body: payload,
      headers: { authorization: auth, 'content-type': 'application/json' },
      dispatcher: agent,
    });
    const text = await res.body.text();
    latencies.push(performance.now() - t);
    if (res.statusCode !== 200) {
      failures++;
      if (failures < 3) process.stderr.write(`HTTP ${res.statusCode}: ${text.slice(0, 300)}\n`);
    }
  }
}

await Promise.all(Array.from({ length: concurrency }, worker));
const seconds = (performance.now() - start) / 1000;
latencies.sort((a, b) => a - b);
const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0;
process.stdout.write(
  JSON.stringify({
    events: batches * BATCH,
    seconds,
    eventsPerSecond: (batches * BATCH) / seconds,
    p50: pct(0.5),
    p99: pct(0.99),
    failures,
  }) + '\n',
);
await agent.close();
