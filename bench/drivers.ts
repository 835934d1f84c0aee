/**
 * Key-driver analysis on the real airline survey (all 129,880 respondents, 14 ratings, exact LMG over
 * 2^14 = 16,384 subsets), end to end from the CSV files, with the phases broken down and two baselines
 * measured in the same run: merely parsing the CSV, and the naive LMG that refits OLS from raw rows
 * for every subset (timed on a 5,000-row sample, extrapolated linearly in rows).
 *
 *   node --import tsx bench/drivers.ts [--runs 5] [--cli-runs 3] [--naive-rows 5000]
 *
 * Prints a table; it is a benchmark, not a timed test.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse';
import { analyzeMoments } from '../src/core/drivers/analyze.ts';
import { accumulateListwise, correlationMatrix } from '../src/core/drivers/correlation.ts';
import { dominanceFromSums } from '../src/core/drivers/dominance.ts';
import { choleskySolve, pivotedCholesky } from '../src/core/drivers/linear-algebra.ts';
import { lmgFromSums, shapleyWeights } from '../src/core/drivers/lmg.ts';
import { subsetR2Sums, type CorrelationSystem } from '../src/core/drivers/r-squared.ts';
import { relativeWeights } from '../src/core/drivers/relative-weights.ts';
import type { DriverAnalysisOk } from '../src/core/drivers/types.ts';
import {
  AIRLINE_DRIVERS,
  AIRLINE_FILES,
  AIRLINE_OUTCOME,
  AIRLINE_POSITIVE,
} from '../src/capabilities/understand/drivers/airline-columns.ts';
import { readCsvDriverColumns } from '../src/capabilities/understand/drivers/csv.ts';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const RUNS = arg('runs', 5);
const CLI_RUNS = arg('cli-runs', 3);
const NAIVE_ROWS = arg('naive-rows', 5000);

const root = fileURLToPath(new URL('../', import.meta.url));
const dataDir = fileURLToPath(new URL('../../shared/data/airline/', import.meta.url));
const files = AIRLINE_FILES.map((f) => dataDir + f);
if (files.some((f) => !existsSync(f))) {
  process.stderr.write(`airline data not found at ${dataDir}; nothing to benchmark\n`);
  process.exit(1);
}
const request = {
  files,
  outcome: AIRLINE_OUTCOME,
  positive: AIRLINE_POSITIVE,
  drivers: [...AIRLINE_DRIVERS],
  na: ['0'],
};

const now = () => performance.now();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

/** Baseline 1: csv-parse over the files, records dropped on the floor. */
async function parseOnly(): Promise<number> {
  let rows = 0;
  for (const path of files) {
    await new Promise<void>((resolve, reject) => {
      const parser = createReadStream(path, { highWaterMark: 1 << 20 }).pipe(parse({ bom: true }));
      parser.on('data', () => void rows++);
      parser.on('end', resolve);
      parser.on('error', reject);
    });
  }
  return rows;
}

interface Phases {
  parseOnly: number;
  read: number;
  moments: number;
  lmg: number;
  rw: number;
  analyze: number;
  total: number;
  result: DriverAnalysisOk;
  system: CorrelationSystem;
  columns: Float64Array[];
}

/** One end-to-end pass, each phase timed on its own (the later phases reuse the earlier outputs). */
async function pipeline(): Promise<Phases> {
  const t0 = now();
  await parseOnly();
  const tParse = now() - t0;

  const t1 = now();
  const { input } = await readCsvDriverColumns(request);
  const tRead = now() - t1;

  const t2 = now();
  const { moments, rowsRead, missing, notApplicable } = accumulateListwise([input.outcome, ...input.drivers]);
  const tMoments = now() - t2;

  const k = AIRLINE_DRIVERS.length + 1;
  const corr = correlationMatrix(
    moments,
    Array.from({ length: k }, (_, i) => i),
  );
  const p = k - 1;
  const system: CorrelationSystem = { p, rxx: new Float64Array(p * p), rxy: new Float64Array(p) };
  for (let i = 0; i < p; i++) {
    system.rxy[i] = corr[(i + 1) * k]!;
    for (let j = 0; j < p; j++) system.rxx[i * p + j] = corr[(i + 1) * k + j + 1]!;
  }
  const t3 = now();
  const sums = subsetR2Sums(system);
  lmgFromSums(sums);
  dominanceFromSums(sums);
  const tLmg = now() - t3;

  const t4 = now();
  relativeWeights(system);
  const tRw = now() - t4;

  // The full analysis from the moments (guards, collinearity check, LMG, weights, OLS, quadrants).
  const t5 = now();
  const result = analyzeMoments({
    outcome: AIRLINE_OUTCOME,
    drivers: [...AIRLINE_DRIVERS],
    moments,
    rowsRead,
    columns: [AIRLINE_OUTCOME, ...AIRLINE_DRIVERS].map((name, i) => ({
      name,
      role: i === 0 ? 'outcome' : 'driver',
      missing: missing[i]!,
      notApplicable: notApplicable[i]!,
    })),
  });
  const tAnalyze = now() - t5;
  if (!result.ok) throw new Error(result.error.message);
  const columns = [input.outcome, ...input.drivers].map((c) => c.values as Float64Array);
  return {
    parseOnly: tParse,
    read: tRead,
    moments: tMoments,
    lmg: tLmg,
    rw: tRw,
    analyze: tAnalyze,
    total: tRead + tMoments + tAnalyze,
    result,
    system,
    columns,
  };
}

/**
 * Baseline 2: LMG the way a straightforward implementation does it: for each of the 2^p subsets,
 * rebuild XᵀX and Xᵀy from the raw rows and solve. Runs on the first `rows` complete rows.
 */
function naiveLmg(columns: Float64Array[], rows: number): { ms: number; lmg: number[]; used: number } {
  const p = columns.length - 1;
  const data: number[][] = [];
  for (let r = 0; r < columns[0]!.length && data.length < rows; r++) {
    const row = columns.map((c) => c[r]!);
    if (row.every((x, i) => Number.isFinite(x) && (i === 0 || x !== 0))) data.push(row);
  }
  const t0 = now();
  const n = data.length;
  let ybar = 0;
  for (const row of data) ybar += row[0]!;
  ybar /= n;
  let sst = 0;
  for (const row of data) sst += (row[0]! - ybar) ** 2;
  const r2 = new Float64Array(1 << p);
  for (let mask = 1; mask < 1 << p; mask++) {
    const idx: number[] = [];
    for (let j = 0; j < p; j++) if (mask & (1 << j)) idx.push(j + 1);
    const q = idx.length + 1; // plus the intercept
    const xtx = new Float64Array(q * q);
    const xty = new Float64Array(q);
    const x = new Float64Array(q);
    for (const row of data) {
      x[0] = 1;
      for (let a = 0; a < idx.length; a++) x[a + 1] = row[idx[a]!]!;
      const y = row[0]!;
      for (let a = 0; a < q; a++) {
        xty[a] = xty[a]! + x[a]! * y;
        for (let b = 0; b <= a; b++) xtx[a * q + b] = xtx[a * q + b]! + x[a]! * x[b]!;
      }
    }
    for (let a = 0; a < q; a++) for (let b = a + 1; b < q; b++) xtx[a * q + b] = xtx[b * q + a]!;
    const { l } = pivotedCholesky(xtx, q, 0);
    const beta = choleskySolve(l, q, xty);
    // SSR = βᵀXᵀy - n ȳ², so R² = SSR / SST.
    let bxy = 0;
    for (let a = 0; a < q; a++) bxy += beta[a]! * xty[a]!;
    r2[mask] = (bxy - n * ybar * ybar) / sst;
  }
  const w = shapleyWeights(p);
  const lmg = new Array<number>(p).fill(0);
  for (let mask = 0; mask < 1 << p; mask++) {
    let size = 0;
    for (let j = 0; j < p; j++) if (mask & (1 << j)) size++;
    for (let j = 0; j < p; j++)
      if (!(mask & (1 << j))) lmg[j]! += w[size]! * (r2[mask | (1 << j)]! - r2[mask]!);
  }
  return { ms: now() - t0, lmg, used: n };
}

function cliRun(): number {
  const args = [
    'bin/cxloop.js',
    'analyze',
    'drivers',
    '--outcome',
    AIRLINE_OUTCOME,
    '--positive',
    AIRLINE_POSITIVE,
  ];
  for (const f of files) args.push('--csv', f);
  args.push('--drivers', AIRLINE_DRIVERS.join(','), '--na', '0', '--format', 'json');
  const t0 = now();
  const run = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 24 });
  const ms = now() - t0;
  if (run.status !== 0) throw new Error(`cli failed: ${run.stderr}`);
  const doc = JSON.parse(run.stdout) as { ok: boolean; n: number };
  if (!doc.ok) throw new Error('cli answer not ok');
  return ms;
}

const fmt = (ms: number) => `${ms.toFixed(ms < 10 ? 2 : 0)} ms`;

// Other processes on the machine inflate every number; the load average is printed with the table.
const loadAtStart = loadavg()[0]!;
const runs: Phases[] = [];
for (let i = 0; i < RUNS; i++) runs.push(await pipeline());
const first = runs[0]!;
const pick = (key: keyof Omit<Phases, 'result' | 'system' | 'columns'>) => ({
  first: first[key],
  median: median(runs.map((r) => r[key])),
});

const naive = naiveLmg(first.columns, NAIVE_ROWS);
const fullN = first.result.n;
const naiveExtrapolated = naive.ms * (fullN / naive.used);
const cli = Array.from({ length: CLI_RUNS }, cliRun);
// What the CLI costs before the command runs (Node, tsx, loading every command module).
const startup = Array.from({ length: CLI_RUNS }, () => {
  const t0 = now();
  spawnSync(process.execPath, ['bin/cxloop.js', '--help'], { cwd: root, encoding: 'utf8' });
  return now() - t0;
});

const lmgFast = pick('lmg');
const rows: [string, string, string, string][] = [
  ['phase', 'first run', `median of ${RUNS}`, 'note'],
  [
    'parse only (csv-parse, baseline)',
    fmt(pick('parseOnly').first),
    fmt(pick('parseOnly').median),
    `${first.result.rowsRead} rows, 2 files`,
  ],
  [
    'read: parse + pick 15 columns into typed arrays',
    fmt(pick('read').first),
    fmt(pick('read').median),
    '--positive, --na 0 applied',
  ],
  [
    'listwise co-moments (one pass)',
    fmt(pick('moments').first),
    fmt(pick('moments').median),
    `n = ${fullN} complete rows`,
  ],
  [
    'exact LMG + dominance (16,384 subsets)',
    fmt(lmgFast.first),
    fmt(lmgFast.median),
    'from the correlation matrix',
  ],
  ['relative weights (Jacobi eigen)', fmt(pick('rw').first), fmt(pick('rw').median), ''],
  [
    'full analysis from moments',
    fmt(pick('analyze').first),
    fmt(pick('analyze').median),
    'guards, LMG, RW, OLS, quadrants',
  ],
  [
    'total in-process (read + moments + analysis)',
    fmt(pick('total').first),
    fmt(pick('total').median),
    'target < 3 s',
  ],
  [
    'CLI end to end (node bin/cxloop.js ... --format json)',
    fmt(cli[0]!),
    fmt(median(cli)),
    `runs ${cli.map((ms) => ms.toFixed(0)).join(' / ')} ms; includes Node/tsx start-up`,
  ],
  [
    'CLI start-up alone (node bin/cxloop.js --help)',
    fmt(startup[0]!),
    fmt(median(startup)),
    'included above',
  ],
  [`naive LMG: refit OLS from rows per subset, ${naive.used} rows`, fmt(naive.ms), '', '16,384 fits'],
  [`naive LMG extrapolated to ${fullN} rows`, fmt(naiveExtrapolated), '', 'linear in rows'],
];
const widths = [0, 1, 2, 3].map((c) => Math.max(...rows.map((r) => r[c]!.length)));
const line = (r: string[]) =>
  r.map((v, i) => (i === 1 || i === 2 ? v.padStart(widths[i]!) : v.padEnd(widths[i]!))).join('  ');
process.stdout.write(
  `key drivers on the airline survey: node ${process.version}, ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ` +
    `load average ${loadAtStart.toFixed(1)} at start, ${loadavg()[0]!.toFixed(1)} at end\n\n`,
);
process.stdout.write(line(rows[0]!) + '\n' + widths.map((w) => '-'.repeat(w)).join('  ') + '\n');
for (const r of rows.slice(1)) process.stdout.write(line(r) + '\n');

const total = pick('total').median;
process.stdout.write(
  `\nratios (medians): end to end in-process / parse only = ${(total / pick('parseOnly').median).toFixed(2)}x; ` +
    `naive LMG (extrapolated) / exact LMG from correlations = ${(naiveExtrapolated / lmgFast.median).toFixed(0)}x; ` +
    `naive LMG (extrapolated) / whole in-process pipeline = ${(naiveExtrapolated / total).toFixed(1)}x\n`,
);

// Cross-check: the naive LMG on its sample equals the fast one on the same rows.
{
  const sample = first.columns.map(() => [] as number[]);
  for (let r = 0; r < first.columns[0]!.length && sample[0]!.length < NAIVE_ROWS; r++) {
    const row = first.columns.map((c) => c[r]!);
    if (row.every((x, i) => Number.isFinite(x) && (i === 0 || x !== 0)))
      row.forEach((x, i) => sample[i]!.push(x));
  }
  const { moments } = accumulateListwise(sample.map((values) => ({ values })));
  const k = sample.length;
  const corr = correlationMatrix(
    moments,
    Array.from({ length: k }, (_, i) => i),
  );
  const p = k - 1;
  const sys: CorrelationSystem = { p, rxx: new Float64Array(p * p), rxy: new Float64Array(p) };
  for (let i = 0; i < p; i++) {
    sys.rxy[i] = corr[(i + 1) * k]!;
    for (let j = 0; j < p; j++) sys.rxx[i * p + j] = corr[(i + 1) * k + j + 1]!;
  }
  const fast = lmgFromSums(subsetR2Sums(sys));
  const diff = Math.max(...naive.lmg.map((v, j) => Math.abs(v - fast[j]!)));
  process.stdout.write(
    `cross-check on the ${naive.used}-row sample: max |naive LMG - exact LMG| = ${diff.toExponential(1)}\n`,
  );
}
