/**
 * What a row decoder (platform/store/rows.ts) costs on a large result set: the same query read
 * with `store.read()` alone and with `store.readRows()` and a decoder of its twelve columns (the shape of
 * the scores query), interleaved so that a busy machine slows both alike, on a real DuckDB file.
 *
 *   node --import tsx bench/row-decoders.ts [--rows 500000] [--runs 5]
 *
 * Prints a table; it is a benchmark, not a timed test.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { metricSumsColumns } from '../src/capabilities/measure/sums.ts';
import { DuckDbStore } from '../src/platform/store/duckdb/store.ts';
import { epochMs, nullable, row, text } from '../src/platform/store/rows.ts';
import { MIGRATIONS } from '../src/capabilities/migrations.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const ROWS = arg('rows', 500_000);
const RUNS = arg('runs', 5);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

const SQL = `SELECT (['nps', 'csat', 'ces'])[1 + i % 3] AS metric, 'tp-' || (i % 30) AS touchpoint,
  TIMESTAMP '2025-01-06' + (i % 52) * INTERVAL 7 DAY AS period_start,
  CAST(1 + i % 97 AS BIGINT) AS n, (i % 97) * 7.5 AS score_sum, (i % 97) * 60.25 AS score_squares,
  CAST(i % 11 AS BIGINT) AS promoters, CAST(i % 7 AS BIGINT) AS detractors, CAST(i % 5 AS BIGINT) AS top_two,
  CAST(i % 13 AS BIGINT) AS above_mid, 0 AS scale_min_lo, 0 AS scale_min_hi, 10 AS scale_max_lo, 10 AS scale_max_hi
FROM range(${ROWS}) t(i)`;
const decode = row({ ...metricSumsColumns, touchpoint: nullable(text), period_start: nullable(epochMs) });

const dir = mkdtempSync(join(tmpdir(), 'cxloop-bench-rows-'));
const loadStart = loadavg()[0]!.toFixed(1);
try {
  const store = await DuckDbStore.open(join(dir, 'bench.duckdb'), MIGRATIONS);
  const plain: number[] = [];
  const decoded: number[] = [];
  await store.read(SQL);
  await store.readRows(decode, SQL);
  for (let i = 0; i < RUNS; i++) {
    let t = performance.now();
    await store.read(SQL);
    plain.push(performance.now() - t);
    t = performance.now();
    await store.readRows(decode, SQL);
    decoded.push(performance.now() - t);
  }
  await store.close();
  const a = median(plain);
  const b = median(decoded);
  console.log(
    `Row decoders: ${ROWS} rows x 14 columns on DuckDB; ${cpus().length} CPUs; median of ${RUNS} warm runs; load average ${loadStart} at the start, ${loadavg()[0]!.toFixed(1)} at the end\n`,
  );
  console.log('| read                          | ms      | ns per row |');
  console.log('| ----------------------------- | ------- | ---------- |');
  console.log(
    `| store.read()                  | ${a.toFixed(0).padStart(7)} | ${((a * 1e6) / ROWS).toFixed(0).padStart(10)} |`,
  );
  console.log(
    `| store.readRows() and decoder  | ${b.toFixed(0).padStart(7)} | ${((b * 1e6) / ROWS).toFixed(0).padStart(10)} |`,
  );
  console.log(
    `| decoder's share                | ${(b - a).toFixed(0).padStart(7)} | ${(((b - a) * 1e6) / ROWS).toFixed(0).padStart(10)} |`,
  );
  console.log(`\ndecoded / plain: ${(b / a).toFixed(3)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
