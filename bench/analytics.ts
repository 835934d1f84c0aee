/**
 * Analytics on 5 M events and 1 M feedback responses (200 k customers, 30 touchpoints), generated
 * straight into a DuckDB file:
 * - weekly scores per touchpoint for a year through the service, against the same SQL run directly
 *   on a DuckDB connection in the same process (target: within 1.2x);
 * - the same SQL on PostgreSQL 15 (a private cluster started here, loaded with COPY), when its
 *   binaries are installed (target: DuckDB at least 15x faster);
 * - funnel, retention and pain points through the service (target: under 1 s each), and the other reports.
 *
 *   node --import tsx bench/analytics.ts [--runs 7] [--no-postgres] [--keep DIR]
 *
 * Prints a table; it is a benchmark, not a timed test.
 */
import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { parseWindow } from '../src/platform/time/window.ts';
import { analyticsFor } from '../src/capabilities/measure/service.ts';
import { scoresQuery } from '../src/capabilities/measure/sql/scores.ts';
import { createServices } from '../src/capabilities/graph.ts';
import { DuckDbStore } from '../src/platform/store/duckdb/store.ts';
import { toDuckValue } from '../src/platform/store/duckdb/values.ts';
import type { Store } from '../src/platform/store/port.ts';
import { pgMissing, startPgServer } from '../tests/pg-server.ts';
import { BENCH, benchJourney, exportSql, generationSql } from './analytics-data.ts';
import { MIGRATIONS } from '../src/capabilities/migrations.ts';

const arg = (name: string) => process.argv.indexOf(`--${name}`);
const RUNS = arg('runs') > 0 ? Number(process.argv[arg('runs') + 1]) : 7;
const NOW = Date.parse('2026-01-02T00:00:00Z');
const log = (line: string) => process.stderr.write(`${line}\n`);
const clock = () => performance.now();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

/** Median wall time of `runs` calls after one warm-up call. */
async function time(runs: number, work: () => Promise<unknown>): Promise<number> {
  await work();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = clock();
    await work();
    times.push(clock() - start);
  }
  return median(times);
}

const window = parseWindow(BENCH.from, BENCH.to).window!;
const query = { from: BENCH.from, to: BENCH.to };
// The SQL the service runs for weekly scores per touchpoint, built by the same function.
const weekly = scoresQuery(BENCH.workspace, window, {
  interval: 'week',
  byTouchpoint: true,
  traits: [],
  metrics: null,
  touchpoints: null,
});

const dir = mkdtempSync(join(tmpdir(), 'cxloop-bench-analytics-'));
chmodSync(dir, 0o755); // PostgreSQL's COPY reads the exports as the postgres user
const db = join(dir, 'bench.duckdb');
const loadStart = loadavg()[0]!.toFixed(1);
const results: {
  measure: string;
  duckdb?: number;
  service?: number;
  postgres?: number;
  target: string;
  met: boolean | null;
}[] = [];

try {
  // 1. Schema, workspace and journey map through the store; then the data, straight into DuckDB.
  {
    const store = await DuckDbStore.open(db, MIGRATIONS);
    await store.createWorkspace(BENCH.workspace, 'Benchmark', NOW);
    await createServices(store, () => NOW).journeys.set(BENCH.workspace, benchJourney(), NOW);
    await store.close();
  }
  const instance = await DuckDBInstance.create(db);
  const connection = await instance.connect();
  let start = clock();
  for (const sql of generationSql()) await connection.run(sql);
  await connection.run('CHECKPOINT');
  const generated = (clock() - start) / 1000;
  const counts = (
    await connection.runAndReadAll(
      `SELECT (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM feedback) AS feedback,
            (SELECT count(*) FROM customers) AS customers, (SELECT count(DISTINCT touchpoint) FROM feedback) AS touchpoints`,
    )
  ).getRowObjectsJS()[0]!;
  log(
    `generated ${counts.events} events, ${counts.feedback} responses, ${counts.customers} customers, ${counts.touchpoints} touchpoints in ${generated.toFixed(1)} s`,
  );

  const exports = exportSql(dir);
  const skip = arg('no-postgres') > 0 ? 'skipped (--no-postgres)' : pgMissing();
  if (!skip) for (const { sql } of exports) await connection.run(sql);
  connection.closeSync();
  instance.closeSync();

  // 2. The SQL alone against the whole service path, in the same process on the same DuckDB
  //    instance, runs interleaved so that a busy machine slows both alike. "Direct" uses the
  //    store's reader connection itself (a private field, reached here only): the statement the
  //    service builds, run and turned into JS rows, with nothing else around it.
  start = clock();
  const store = await DuckDbStore.open(db, MIGRATIONS);
  const opened = (clock() - start) / 1000;
  const reader = (store as unknown as { reader: DuckDBConnection }).reader;
  const services = createServices(store, () => NOW);
  const analytics = analyticsFor(services);
  const weeklyQuery = { ...query, by: 'touchpoint', interval: 'week' };
  const runDirect = async () =>
    (await reader.runAndReadAll(weekly.sql, weekly.params.map(toDuckValue))).getRowObjectsJS();
  const runService = () => analytics.scores(BENCH.workspace, weeklyQuery);
  await runDirect();
  await runService();
  const directTimes: number[] = [];
  const serviceTimes: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    let t = clock();
    await runDirect();
    directTimes.push(clock() - t);
    t = clock();
    await runService();
    serviceTimes.push(clock() - t);
  }
  const direct = median(directTimes);
  const service = median(serviceTimes);
  const groups = (await runDirect()).length;
  const report = await runService();
  results.push({
    measure: `weekly scores per touchpoint, 1 year (${report.rows.length} rows from ${groups} SQL groups)`,
    duckdb: direct,
    service,
    target: 'service <= 1.2x direct',
    met: service <= 1.2 * direct,
  });
  const timed: [string, () => Promise<unknown>, number | null][] = [
    ['funnel, 6 stages', () => analytics.funnel(BENCH.workspace, query), 1000],
    ['retention (cohorts, repeat purchase, churn)', () => analytics.retention(BENCH.workspace, query), 1000],
    ['funnel by entry channel', () => analytics.funnel(BENCH.workspace, { ...query, by: 'channel' }), null],
    [
      'scores by stage and trait:segment, monthly',
      () => analytics.scores(BENCH.workspace, { ...query, by: 'stage,trait:segment', interval: 'month' }),
      null,
    ],
    [
      'compare with the year before, by touchpoint',
      () => analytics.compare(BENCH.workspace, { ...query, by: 'touchpoint' }),
      null,
    ],
    ['journey time', () => analytics.journeyTime(BENCH.workspace, query), null],
    ['pain points', () => analytics.painPoints(BENCH.workspace, query), 1000],
  ];
  // Rounds over every report in turn, so that a burst of load elsewhere on the machine slows all
  // of them a little rather than one of them a lot; the median of each is reported.
  const samples = timed.map(() => [] as number[]);
  for (const [, work] of timed) await work();
  for (let round = 0; round < RUNS; round++) {
    for (const [i, [, work]] of timed.entries()) {
      const t = clock();
      await work();
      samples[i]!.push(clock() - t);
    }
  }
  for (const [i, [measure, , limit]] of timed.entries()) {
    const ms = median(samples[i]!);
    results.push({
      measure,
      service: ms,
      target: limit ? `< ${limit} ms` : '',
      met: limit ? ms < limit : null,
    });
    log(`${measure}: ${ms.toFixed(0)} ms`);
  }
  const size = statSync(db).size;
  await store.close();

  // 4. PostgreSQL 15: the same statement on the same rows.
  let pgNote = skip ? `PostgreSQL not measured: ${skip}` : '';
  if (!skip) {
    const server = await startPgServer();
    let pg: Store | null = null;
    try {
      const { PostgresStore } = await import('../src/platform/store/postgres/store.ts');
      const url = await server.createDatabase();
      const pgStore = await PostgresStore.open(url, MIGRATIONS);
      pg = pgStore;
      await pgStore.createWorkspace(BENCH.workspace, 'Benchmark', NOW);
      start = clock();
      for (const { table, columns, file } of exports) {
        await pgStore.write([{ sql: `COPY ${table} (${columns}) FROM '${file}' WITH (FORMAT csv)` }]);
      }
      await pgStore.write([{ sql: 'ANALYZE' }]);
      log(`PostgreSQL loaded with COPY in ${((clock() - start) / 1000).toFixed(1)} s (${server.version})`);
      const pgWeekly = await time(Math.min(RUNS, 3), () => pgStore.read(weekly.sql, weekly.params));
      const first = results[0]!;
      first.postgres = pgWeekly;
      pgNote = `PostgreSQL: ${server.version}, same SQL via the postgres client; DuckDB direct is ${(pgWeekly / direct).toFixed(1)}x faster (target >= 15x: ${pgWeekly / direct >= 15 ? 'met' : 'NOT met'})`;
    } finally {
      await pg?.close();
      await server.stop();
    }
  }

  // 5. The table.
  const ms = (x: number | undefined) => (x === undefined ? '' : x.toFixed(1));
  const rows = results.map((r) => ({
    measure: r.measure,
    'DuckDB SQL ms': ms(r.duckdb),
    'service ms': ms(r.service),
    'service/SQL': r.duckdb && r.service ? (r.service / r.duckdb).toFixed(2) : '',
    'PostgreSQL ms': ms(r.postgres),
    'PG/DuckDB': r.postgres && r.duckdb ? (r.postgres / r.duckdb).toFixed(1) : '',
    target: r.target,
    met: r.met === null ? '' : r.met ? 'yes' : 'NO',
  }));
  const columns = Object.keys(rows[0]!);
  const widths = columns.map((c) =>
    Math.max(c.length, ...rows.map((r) => String(r[c as keyof typeof r]).length)),
  );
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  const out = [
    `Analytics benchmark: ${counts.events} events, ${counts.feedback} responses, ${counts.customers} customers, 30 touchpoints; ${cpus().length} CPUs; median of ${RUNS} warm runs`,
    `data generated in ${generated.toFixed(1)} s; DuckDB file ${(size / 2 ** 20).toFixed(0)} MiB; store opened in ${opened.toFixed(1)} s; ` +
      `load average ${loadStart} at the start, ${loadavg()[0]!.toFixed(1)} at the end`,
    '',
    line(columns),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map((r) => line(columns.map((c) => String(r[c as keyof typeof r])))),
    '',
    pgNote,
  ];
  process.stdout.write(out.join('\n') + '\n');
} finally {
  if (arg('keep') < 0) rmSync(dir, { recursive: true, force: true });
}
