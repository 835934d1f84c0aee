/**
 * How long a `cxloop` call takes before it does anything: `cxloop --help` and `cxloop report scores`
 * on a demo database, from the compiled build (bin/cxloop.js -> dist/cli) and the old way (tsx
 * transpiling src/ on every call), against `node -e ''`, the floor no Node program starts under.
 *
 *   node --import tsx bench/cli-start.ts [--runs 20] [--customers 2000]
 *
 * The runs of all commands are interleaved, so a burst of load on a shared machine hits each alike.
 * CPU time (user + system) comes from /usr/bin/time when it is installed; it moves less with load.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { cliEntry } from '../scripts/build-cli.mjs';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '20' }, customers: { type: 'string', default: '2000' } },
});
const runs = Number(values.runs);
const TIME = '/usr/bin/time';
const hasTime = existsSync(TIME);

await cliEntry();
const dir = mkdtempSync(join(tmpdir(), 'cxloop-bench-cli-'));
const db = join(dir, 'demo.duckdb');
const demo = spawnSync(
  process.execPath,
  ['bin/cxloop.js', 'demo', '--db', db, '--customers', values.customers, '--months', '6'],
  { encoding: 'utf8' },
);
if (demo.status !== 0) throw new Error(`demo failed:\n${demo.stderr}`);
const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
const scores = ['report', 'scores', '--from', day(180), '--to', day(0), '--db', db];
const tsx = ['--import', 'tsx', 'src/app/cli/main.ts'];

const COMMANDS: { name: string; args: string[] }[] = [
  { name: "node -e ''", args: ['-e', ''] },
  { name: 'cxloop --help', args: ['bin/cxloop.js', '--help'] },
  { name: 'tsx main.ts --help (before)', args: [...tsx, '--help'] },
  { name: 'cxloop report scores', args: ['bin/cxloop.js', ...scores] },
  { name: 'tsx main.ts report scores (before)', args: [...tsx, ...scores] },
];

const wall = COMMANDS.map(() => [] as number[]);
const cpu = COMMANDS.map(() => [] as number[]);
const timeFile = join(dir, 'time.txt');
for (let run = 0; run < runs; run++) {
  COMMANDS.forEach((command, i) => {
    const argv = hasTime
      ? [TIME, '-f', '%U %S', '-o', timeFile, process.execPath, ...command.args]
      : [process.execPath, ...command.args];
    const started = process.hrtime.bigint();
    const result = spawnSync(argv[0]!, argv.slice(1), { encoding: 'utf8' });
    wall[i]!.push(Number(process.hrtime.bigint() - started) / 1e6);
    if (result.status !== 0) throw new Error(`${command.name} failed:\n${result.stderr}`);
    if (hasTime) {
      const [user, system] = readFileSync(timeFile, 'utf8').trim().split(/\s+/).slice(-2).map(Number);
      cpu[i]!.push((user! + system!) * 1000);
    }
  });
}
rmSync(dir, { recursive: true, force: true });

const quantile = (xs: number[], q: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
};
const p50 = wall.map((xs) => quantile(xs, 0.5));
const rows = COMMANDS.map((command, i) => {
  // The compiled rows are compared with the tsx row after them; each tsx row with the compiled one.
  const pair = command.name.includes('(before)') ? i - 1 : command.name.startsWith('cxloop') ? i + 1 : -1;
  return {
    command: command.name,
    'wall p50 ms': p50[i]!.toFixed(0),
    'wall p90 ms': quantile(wall[i]!, 0.9).toFixed(0),
    ...(hasTime ? { 'CPU p50 ms': quantile(cpu[i]!, 0.5).toFixed(0) } : {}),
    "x node -e ''": (p50[i]! / p50[0]!).toFixed(2),
    'compiled vs tsx': pair < 0 ? '' : `${(p50[Math.min(i, pair)]! / p50[Math.max(i, pair)]!).toFixed(2)}`,
  };
});

const columns = Object.keys(rows[0]!) as (keyof (typeof rows)[number])[];
const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c] ?? '').length)));
const line = (cells: string[]) =>
  cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
console.log(
  `${runs} runs each, interleaved; report scores on a demo database of ${values.customers} customers, 6 months`,
);
console.log(line(columns.map(String)));
console.log(line(widths.map((w) => '-'.repeat(w))));
for (const row of rows) console.log(line(columns.map((c) => String(row[c] ?? ''))));
