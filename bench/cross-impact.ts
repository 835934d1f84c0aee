/**
 * The touchpoint cross-impact matrix from stored data: 1 M customers over a 30-touchpoint journey
 * (about 9 M feedback responses and 4 M events, written straight into a DuckDB file by
 * bench/cross-impact-data.ts), end to end through the same service the CLI and the API call, with
 * the phases broken down and two baselines measured in the same run: merely scanning the window's
 * rows, and the naive pair count (a self-join of customer-touchpoint experiences) on a 5 % sample,
 * extrapolated linearly in customers.
 *
 *   node --import tsx bench/cross-impact.ts [--customers 1000000] [--runs 3] [--db PATH] [--fresh]
 *
 * Prints a table; it is a benchmark, not a timed test. The data file is kept between runs (it takes
 * about a minute to write) unless --fresh is given.
 */
import { existsSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServices } from '../src/capabilities/graph.ts';
import { DuckDbStore } from '../src/platform/store/duckdb/store.ts';
import { crossImpact } from '../src/capabilities/understand/cross-impact/service.ts';
import { BENCH_WORKSPACE, generateBenchData, TOUCHPOINTS, WINDOW } from './cross-impact-data.ts';
import { MIGRATIONS } from '../src/capabilities/migrations.ts';

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const CUSTOMERS = Number(arg('customers', '1000000'));
const RUNS = Number(arg('runs', '3'));
const DB = arg('db', join(tmpdir(), `cxloop-bench-cross-impact-${CUSTOMERS}.duckdb`));
const SAMPLE_EVERY = 20;

const loadAtStart = loadavg()[0]!;
const rows: [string, string, string][] = [['phase', 'median ms', 'note']];
const ms = (x: number) => x.toFixed(0);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

if (process.argv.includes('--fresh') || !existsSync(DB)) {
  for (const f of [DB, `${DB}.wal`]) rmSync(f, { force: true });
  const t0 = performance.now();
  const counts = await generateBenchData(DB, CUSTOMERS);
  rows.push([
    'write the data set (once)',
    ms(performance.now() - t0),
    `${counts.feedback.toLocaleString('en')} responses, ${counts.events.toLocaleString('en')} events`,
  ]);
}

let t0 = performance.now();
const store = await DuckDbStore.open(DB, MIGRATIONS);
rows.push(['open the store', ms(performance.now() - t0), 'schema check and id index; not part of a request']);
const services = createServices(store);
const request = { from: WINDOW.from, to: WINDOW.to };

// A first run reads the file into DuckDB's buffers; the measured runs are warm, as on a server.
const cold = performance.now();
const first = await crossImpact(services, BENCH_WORKSPACE, request);
const coldMs = performance.now() - cold;

const totals: number[] = [];
const queries: number[] = [];
const counts: number[] = [];
const cpu: number[] = [];
for (let r = 0; r < RUNS; r++) {
  const c0 = process.cpuUsage();
  t0 = performance.now();
  const answer = await crossImpact(services, BENCH_WORKSPACE, request);
  totals.push(performance.now() - t0);
  const used = process.cpuUsage(c0);
  cpu.push((used.user + used.system) / 1000);
  queries.push(answer.stats.queryMs);
  counts.push(answer.stats.countMs);
}
const total = median(totals);
const query = median(queries);
const count = median(counts);
rows.push(['cross-impact, first (cold) run', ms(coldMs), 'reads the file into the buffer pool']);
rows.push(['  signal query (SQL)', ms(query), 'first episodes, outcome sums, merged profiles']);
rows.push([
  '  pair counting (JavaScript)',
  ms(count),
  `${first.stats.profiles.toLocaleString('en')} distinct profiles`,
]);
rows.push(['  effects, intervals, FDR, JSON', ms(total - query - count), `${first.pairs.length} pairs`]);
rows.push([
  'cross-impact end to end',
  ms(total),
  `target < 5000; ${first.customers.toLocaleString('en')} customers x ${TOUCHPOINTS} touchpoints; CPU ${ms(median(cpu))} ms`,
]);

// Baseline 1: the floor, reading the window's rows once.
const scanTimes: number[] = [];
for (let r = 0; r < RUNS; r++) {
  t0 = performance.now();
  await store.read(
    `SELECT (SELECT count(*) FROM feedback WHERE workspace_id = $1 AND ts >= $2 AND ts < $3) AS f,
            (SELECT count(*) FROM events WHERE workspace_id = $1 AND ts >= $2 AND ts < $3) AS e`,
    [BENCH_WORKSPACE, new Date(WINDOW.from), new Date(WINDOW.to)],
  );
  scanTimes.push(performance.now() - t0);
}
const scan = median(scanTimes);
rows.push(['baseline: count the window rows', ms(scan), 'the I/O floor']);

// Baseline 2: the obvious SQL, one row per customer and touchpoint joined with itself.
t0 = performance.now();
await store.read(
  `WITH s AS (
     SELECT customer_id AS c, touchpoint AS tp,
       max(CASE WHEN metric = 'nps' AND score <= 6 OR metric = 'csat' AND score <= 2 OR metric = 'ces' AND score <= 3 THEN 1 ELSE 0 END) AS bad
     FROM feedback
     WHERE workspace_id = $1 AND ts >= $2 AND ts < $3 AND hash(customer_id) % ${SAMPLE_EVERY} = 0
     GROUP BY 1, 2)
   SELECT a.tp AS i, b.tp AS j, count(*) AS n, sum(a.bad) AS exposed, sum(a.bad * b.bad) AS both_bad, sum(b.bad) AS bad_j
   FROM s a JOIN s b ON a.c = b.c AND a.tp <> b.tp GROUP BY 1, 2`,
  [BENCH_WORKSPACE, new Date(WINDOW.from), new Date(WINDOW.to)],
);
const naive = (performance.now() - t0) * SAMPLE_EVERY;
rows.push([
  'baseline: naive self-join pair count',
  ms(naive),
  `feedback only, no outcomes; 1 in ${SAMPLE_EVERY} customers, x ${SAMPLE_EVERY}`,
]);
await store.close();

const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
const line = (r: string[]) =>
  r
    .map((v, i) => (i === 1 ? v.padStart(widths[i]!) : v.padEnd(widths[i]!)))
    .join('  ')
    .trimEnd();
process.stdout.write(
  `cross-impact matrix from stored data: node ${process.version}, ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ` +
    `${RUNS} warm runs, load average ${loadAtStart.toFixed(1)} at start, ${loadavg()[0]!.toFixed(1)} at end\n\n`,
);
process.stdout.write(line(rows[0]!) + '\n' + widths.map((w) => '-'.repeat(w)).join('  ') + '\n');
for (const r of rows.slice(1)) process.stdout.write(line(r) + '\n');
process.stdout.write(
  `\nratios (medians): end to end / row scan = ${(total / scan).toFixed(1)}x; ` +
    `naive self-join (extrapolated) / end to end = ${(naive / total).toFixed(1)}x\n`,
);
