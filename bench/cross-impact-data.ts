/**
 * A large journey data set written straight into a DuckDB file with SQL (the ingest path would take
 * minutes for this many rows, and it is not what the benchmark measures): `customers` customers over
 * a 30-touchpoint journey, each rating about 30 % of the touchpoints (CSAT, CES, and NPS at the last
 * one), operational failure events at 5 touchpoints, purchases and churn. Scores share a per-customer
 * mood, so every pair of touchpoints is mildly associated, plus one planted chain: a failure at
 * touchpoint 5 lowers the scores at touchpoints 12 and 29 (NPS) and raises churn.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import type { JourneyMap } from '../src/core/journey/schema.ts';
import { journeyMapSchema } from '../src/core/journey/schema.ts';
import { DuckDbStore } from '../src/platform/store/duckdb/store.ts';
import { MIGRATIONS } from '../src/capabilities/migrations.ts';

export const BENCH_WORKSPACE = 'bench';
export const TOUCHPOINTS = 30;
export const FAILURE_TOUCHPOINTS = [5, 11, 17, 23, 27];
export const WINDOW = { from: '2025-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' };

const tpId = (t: number) => `tp-${String(t).padStart(2, '0')}`;

export function benchJourney(): JourneyMap {
  const stages = Array.from({ length: 6 }, (_, s) => ({
    id: `stage-${s + 1}`,
    name: `Stage ${s + 1}`,
    phase: s < 2 ? 'pre-purchase' : s < 3 ? 'purchase' : 'post-purchase',
    touchpoints: Array.from({ length: 5 }, (_, k) => {
      const t = s * 5 + k;
      return { id: tpId(t), name: `Touchpoint ${t}`, channel: 'web', events: [`Step ${t} Done`] };
    }),
  }));
  return journeyMapSchema.parse({
    name: 'Benchmark journey',
    stages,
    failures: FAILURE_TOUCHPOINTS.map((t) => ({
      id: `failure-${t}`,
      event: `Step ${t} Done`,
      where: { failed: true },
      touchpoint: tpId(t),
    })),
    outcomes: { purchase: ['Order Completed'], churn: ['Account Closed'] },
  });
}

/** Creates the file (schema through the store, rows through SQL); returns the row counts. */
export async function generateBenchData(path: string, customers: number) {
  const store = await DuckDbStore.open(path, MIGRATIONS);
  await store.createWorkspace(BENCH_WORKSPACE, 'Benchmark', Date.now());
  await store.setJourney(BENCH_WORKSPACE, benchJourney(), Date.now());
  await store.close();

  const instance = await DuckDBInstance.create(path);
  const db = await instance.connect();
  // u(c, t, k): a uniform in [0, 1) from a hash, so the data set is the same every run.
  const u = (...parts: string[]) => `((hash(${parts.join(', ')}) % 1000000) / 1000000.0)`;
  const base = `TIMESTAMP '2025-01-01' + INTERVAL (hash(c, 99) % 330) DAY`;
  const failed = `(${u('c', '5', '7')} < 0.2)`;
  // Scores: mood (per customer) and noise; touchpoints 12 and 29 drop after a failure at 5.
  const quality = `(0.55 * ${u('c', '1')} + 0.45 * ${u('c', 't', '2')} - CASE WHEN t IN (12, 29) AND ${failed} THEN 0.35 ELSE 0 END)`;
  const cells = `FROM range(${customers}) a(c), range(${TOUCHPOINTS}) b(t)`;
  const ids = (prefix: string) => `'${prefix}' || c || '-' || t AS id, 'c' || c AS customer_id`;
  const hashCols = `(hash(id) >> 32)::UINTEGER AS id_hi, (hash(id) & 4294967295)::UINTEGER AS id_lo`;
  const ws = `'${BENCH_WORKSPACE}'`;

  await db.run(`INSERT INTO feedback
    SELECT ${ws}, id, customer_id, touchpoint, metric, score, smin, smax, NULL, ts, ts, 'bench', ${hashCols} FROM (
      SELECT ${ids('f')}, 'tp-' || lpad(t::VARCHAR, 2, '0') AS touchpoint,
        CASE WHEN t = 29 THEN 'nps' WHEN t % 7 = 3 THEN 'ces' ELSE 'csat' END AS metric,
        CASE WHEN t = 29 THEN least(10, greatest(0, floor(11 * ${quality} + 2)))
             WHEN t % 7 = 3 THEN least(7, greatest(1, 1 + floor(7 * ${quality} + 0.5)))
             ELSE least(5, greatest(1, 1 + floor(5 * ${quality} + 0.4))) END AS score,
        CASE WHEN t = 29 THEN 0 ELSE 1 END AS smin,
        CASE WHEN t = 29 THEN 10 WHEN t % 7 = 3 THEN 7 ELSE 5 END AS smax,
        ${base} + INTERVAL (t * 6) HOUR AS ts
      ${cells} WHERE ${u('c', 't', '3')} < 0.3)`);

  await db.run(`INSERT INTO events
    SELECT ${ws}, id, customer_id, NULL, name, touchpoint, ts, ts, properties, NULL, ${hashCols} FROM (
      SELECT ${ids('e')}, 'Step ' || t || ' Done' AS name, 'tp-' || lpad(t::VARCHAR, 2, '0') AS touchpoint,
        ${base} + INTERVAL (t * 6) HOUR AS ts,
        json_object('failed', CASE WHEN t = 5 THEN ${failed} ELSE ${u('c', 't', '4')} < 0.15 END) AS properties
      ${cells} WHERE t IN (${FAILURE_TOUCHPOINTS.join(', ')}) AND ${u('c', 't', '5')} < 0.4)`);

  // 1-3 orders each (the first before the journey's post-purchase half), churn for some.
  await db.run(`INSERT INTO events
    SELECT ${ws}, id, customer_id, NULL, 'Order Completed', 'tp-12', ts, ts, NULL, NULL, ${hashCols} FROM (
      SELECT ${ids('o')}, ${base} + INTERVAL (60 + t * 400) HOUR AS ts
      FROM range(${customers}) a(c), range(3) b(t) WHERE t < 1 + hash(c, 8) % 3)`);
  await db.run(`INSERT INTO events
    SELECT ${ws}, id, customer_id, NULL, 'Account Closed', 'tp-25', ts, ts, NULL, NULL, ${hashCols} FROM (
      SELECT 'x' || c AS id, 'c' || c AS customer_id, ${base} + INTERVAL 200 HOUR AS ts
      FROM range(${customers}) a(c) WHERE ${u('c', '9')} < CASE WHEN ${failed} THEN 0.12 ELSE 0.04 END)`);
  await db.run('CHECKPOINT');
  const reader = await db.runAndReadAll(
    `SELECT (SELECT count(*) FROM feedback) AS feedback, (SELECT count(*) FROM events) AS events`,
  );
  const [row] = reader.getRowObjectsJS() as { feedback: bigint; events: bigint }[];
  db.closeSync();
  instance.closeSync();
  return { feedback: Number(row!.feedback), events: Number(row!.events) };
}
