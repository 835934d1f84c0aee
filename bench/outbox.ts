/**
 * What the outbox costs the ingest path: the same pre-validated 500-event batches stored through
 * the ingest service (8 in flight, DuckDB's group commit) on a fresh DuckDB file, with no survey,
 * with a trigger on one event name in eleven, and with triggers on every name (each batch's
 * domain event then lists all 500 events). Delivery is not running, so only the write is timed.
 * Scenarios alternate for a few rounds and medians are printed, because this shared machine swings.
 * Usage: node --import tsx bench/outbox.ts [--events 200000] [--rounds 3]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { EventRow } from '../src/core/ingest/rows.ts';
import { createServices } from '../src/capabilities/graph.ts';
import { DuckDbStore } from '../src/platform/store/duckdb/store.ts';
import { BATCH, benchEvent } from './ingest-events.ts';
import { MIGRATIONS } from '../src/capabilities/migrations.ts';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '200000' },
    rounds: { type: 'string', default: '3' },
    concurrency: { type: 'string', default: '8' },
  },
});
const EVENTS = Number(values.events);
const ROUNDS = Number(values.rounds);
const CONCURRENCY = Number(values.concurrency);
const START = Date.now();

const ALL_NAMES = [...new Set(Array.from({ length: 11 }, (_, n) => benchEvent(n, 'x', START).name))];
const SCENARIOS: { label: string; names: string[] }[] = [
  { label: 'no trigger', names: [] },
  { label: 'trigger on 1 name in 11', names: ['Order Completed'] },
  { label: 'triggers on every name', names: ALL_NAMES },
];

function rows(prefix: string): EventRow[][] {
  const batches: EventRow[][] = [];
  for (let from = 0; from < EVENTS; from += BATCH) {
    batches.push(
      Array.from({ length: Math.min(BATCH, EVENTS - from) }, (_, i) => {
        const e = benchEvent(from + i, prefix, START);
        return {
          id: e.id,
          customerId: e.customerId,
          anonymousId: null,
          name: e.name,
          touchpoint: null,
          timestamp: Date.parse(e.timestamp),
          receivedAt: START,
          properties: JSON.stringify(e.properties),
          context: null,
        };
      }),
    );
  }
  return batches;
}

async function run(scenario: (typeof SCENARIOS)[number], round: number) {
  const dir = mkdtempSync(join(tmpdir(), 'cxloop-bench-outbox-'));
  const store = await DuckDbStore.open(join(dir, 'bench.duckdb'), MIGRATIONS);
  try {
    await store.createWorkspace('w', 'w', START);
    const services = createServices(store, () => START);
    if (scenario.names.length) {
      await services.surveys.definitions.save(
        'w',
        {
          id: 'bench',
          name: 'Bench',
          touchpoint: 'checkout',
          questions: [{ id: 'score', kind: 'csat', text: 'How was it?' }],
          triggers: scenario.names.map((name, i) => ({ id: `t${i}`, event: name, channel: 'web' })),
        },
        START,
      );
    }
    const batches = rows(`r${round}`);
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < batches.length) {
          const events = batches[next++]!;
          await services.ingest.storeRows('w', { events, feedback: [], identifies: [] });
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const [outbox] = await store.read(
      'SELECT count(*) AS n, coalesce(sum(length(payload::VARCHAR)), 0) AS bytes FROM domain_events',
    );
    return { rate: EVENTS / seconds, outboxRows: outbox!.n as number, outboxBytes: outbox!.bytes as number };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const results = SCENARIOS.map(() => [] as Awaited<ReturnType<typeof run>>[]);
for (let round = 0; round < ROUNDS; round++) {
  for (const [i, scenario] of SCENARIOS.entries()) results[i]!.push(await run(scenario, round));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const table = [
  ['scenario', 'events/s (median)', 'range', 'outbox rows', 'outbox MiB'],
  ...SCENARIOS.map((s, i) => {
    const rates = results[i]!.map((r) => r.rate);
    return [
      s.label,
      Math.round(median(rates)).toLocaleString('en'),
      `${Math.round(Math.min(...rates)).toLocaleString('en')}-${Math.round(Math.max(...rates)).toLocaleString('en')}`,
      String(results[i]![0]!.outboxRows),
      (results[i]![0]!.outboxBytes / 2 ** 20).toFixed(1),
    ];
  }),
];
const widths = table[0]!.map((_, c) => Math.max(...table.map((r) => r[c]!.length)));
console.log(
  `${EVENTS.toLocaleString('en')} events in batches of ${BATCH}, ${CONCURRENCY} in flight, ${ROUNDS} rounds`,
);
for (const row of table)
  console.log(row.map((v, c) => (c === 0 ? v.padEnd(widths[c]!) : v.padStart(widths[c]!))).join('  '));
