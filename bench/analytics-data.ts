/**
 * The analytics benchmark's data set, generated inside DuckDB with INSERT ... SELECT FROM range():
 * 200 k customers walking a 30-touchpoint journey (6 stages of 5), 5 M events and 1 M feedback
 * responses over 2025. Generation is DuckDB SQL (fast, not shared); the queries measured are not.
 */
import type { JourneyMap } from '../src/core/journey/schema.ts';

export const BENCH = {
  workspace: 'bench',
  customers: 200_000,
  events: 5_000_000,
  feedback: 1_000_000,
  from: '2025-01-01',
  to: '2025-12-31',
};

const STAGES = [
  ['awareness', 'pre-purchase'],
  ['consideration', 'pre-purchase'],
  ['purchase', 'purchase'],
  ['delivery', 'post-purchase'],
  ['ownership', 'post-purchase'],
  ['loyalty', 'post-purchase'],
] as const;
const CHANNELS = ['web', 'email', 'app', 'store', 'phone', 'chat'] as const;
const METRICS = ['csat', 'ces', 'nps', 'rating'] as const;
const SCALES = { csat: [1, 5], ces: [1, 7], nps: [0, 10], rating: [1, 5] } as const;

/** tp00 .. tp29: stage k holds tp(5k) .. tp(5k + 4). */
export const touchpointId = (n: number) => `tp${String(n).padStart(2, '0')}`;

export function benchJourney(): JourneyMap {
  return {
    name: 'Benchmark journey',
    stages: STAGES.map(([id, phase], k) => ({
      id,
      name: id,
      phase,
      touchpoints: [0, 1, 2, 3, 4].map((i) => ({
        id: touchpointId(5 * k + i),
        name: `Touchpoint ${5 * k + i}`,
        channel: CHANNELS[(5 * k + i) % CHANNELS.length]!,
      })),
    })),
    rules: [],
    failures: [{ id: 'late', event: 'Step', where: { late: true }, touchpoint: touchpointId(15) }],
    outcomes: { purchase: ['Order Completed'], churn: ['Account Closed'] },
  };
}

/**
 * Each customer gets a depth (how many stages they reach: 30 % stop at awareness ... 4 % reach
 * loyalty) and 25 events that walk the stages in order, ten days apart, from a start in the year.
 */
export function generationSql(): string[] {
  const { workspace, customers, events, feedback } = BENCH;
  const perCustomer = events / customers;
  const metricOf = `CASE t % 4 ${METRICS.map((m, i) => `WHEN ${i} THEN '${m}'`).join(' ')} END`;
  const scaleMin = `CASE t % 4 ${METRICS.map((m, i) => `WHEN ${i} THEN ${SCALES[m][0]}`).join(' ')} END`;
  const scaleMax = `CASE t % 4 ${METRICS.map((m, i) => `WHEN ${i} THEN ${SCALES[m][1]}`).join(' ')} END`;
  return [
    `INSERT INTO customers
     SELECT '${workspace}', 'c' || c, json_object('segment', ['new', 'regular', 'vip'][1 + c % 3]),
            TIMESTAMP '2025-01-01', TIMESTAMP '2025-12-31'
     FROM range(${customers}) r(c)`,
    `INSERT INTO events
     SELECT '${workspace}', 'e' || i, 'c' || c, NULL,
            CASE WHEN stage = 2 AND hash(i) % 4 = 0 THEN 'Order Completed'
                 WHEN stage = 5 AND k = ${perCustomer - 1} AND hash(c) % 10 = 0 THEN 'Account Closed'
                 ELSE 'Step' END,
            'tp' || lpad(CAST(stage * 5 + hash(i * 7) % 5 AS VARCHAR), 2, '0'),
            ts, ts,
            json_object('k', k, 'late', stage = 3 AND hash(i * 11) % 6 = 0),
            NULL,
            CAST(hash('e' || i) >> 32 AS UINTEGER), CAST(hash('e' || i) & 4294967295 AS UINTEGER)
     FROM (
       SELECT i, c, k, stage,
              TIMESTAMP '2025-01-01' + to_seconds(CAST(start_day * 86400 + stage * 864000 + k * 18000 + hash(i) % 3600 AS BIGINT)) AS ts
       FROM (
         SELECT i, i % ${customers} AS c, i // ${customers} AS k,
                least(CASE WHEN hash(i % ${customers}) % 100 < 30 THEN 0 WHEN hash(i % ${customers}) % 100 < 55 THEN 1
                           WHEN hash(i % ${customers}) % 100 < 75 THEN 2 WHEN hash(i % ${customers}) % 100 < 88 THEN 3
                           WHEN hash(i % ${customers}) % 100 < 96 THEN 4 ELSE 5 END,
                      (i // ${customers}) * 6 // ${perCustomer}) AS stage,
                hash((i % ${customers}) * 7) % 300 AS start_day
         FROM range(${events}) r(i)
       ) walk
     ) timed`,
    `INSERT INTO feedback
     SELECT '${workspace}', 'f' || j, 'c' || (hash(j) % ${customers}), 'tp' || lpad(CAST(t AS VARCHAR), 2, '0'),
            ${metricOf}, ${scaleMin} + hash(j * 17) % (${scaleMax} - ${scaleMin} + 1), ${scaleMin}, ${scaleMax}, NULL,
            TIMESTAMP '2025-01-01' + to_seconds(CAST(hash(j * 13) % (365 * 86400) AS BIGINT)),
            TIMESTAMP '2025-01-01', 'bench',
            CAST(hash('f' || j) >> 32 AS UINTEGER), CAST(hash('f' || j) & 4294967295 AS UINTEGER)
     FROM (SELECT j, hash(j * 31) % 30 AS t FROM range(${feedback}) r(j)) answers`,
  ];
}

/** CSV exports for PostgreSQL's COPY, in the column order of its tables (times written in UTC). */
export function exportSql(dir: string): { table: string; columns: string; file: string; sql: string }[] {
  const ts = (c: string) => `strftime(${c}, '%Y-%m-%d %H:%M:%S.%g') || '+00'`;
  const tables = [
    {
      table: 'customers',
      select: `workspace_id, id, traits, ${ts('first_seen')}, ${ts('last_seen')}`,
      columns: 'workspace_id, id, traits, first_seen, last_seen',
    },
    {
      table: 'events',
      select: `workspace_id, id, customer_id, anonymous_id, name, touchpoint, ${ts('ts')}, ${ts('received_at')}, properties, context`,
      columns:
        'workspace_id, id, customer_id, anonymous_id, name, touchpoint, ts, received_at, properties, context',
    },
    {
      table: 'feedback',
      select: `workspace_id, id, customer_id, touchpoint, metric, score, scale_min, scale_max, comment, ${ts('ts')}, ${ts('received_at')}, source`,
      columns:
        'workspace_id, id, customer_id, touchpoint, metric, score, scale_min, scale_max, comment, ts, received_at, source',
    },
  ];
  return tables.map(({ table, select, columns }) => {
    const file = `${dir}/${table}.csv`;
    return { table, columns, file, sql: `COPY (SELECT ${select} FROM ${table}) TO '${file}' (HEADER false)` };
  });
}
