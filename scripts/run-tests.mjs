// Runs the test files with Node's own test runner (through tsx). Node 20's --test does not expand
// globs, so the files are found here. Which tier a file belongs to follows from where it lives
// (docs/architecture.md, "Developer loop"):
//   unit  src/**/*.test.ts       beside the code; no server process, no browser, no PostgreSQL
//   int   tests/**/*.test.ts     the app in-process on real DuckDB files, PostgreSQL clusters, an
//         (not tests/e2e/)       SMTP server; tests/architecture.test.ts checks the import rules
//   e2e   tests/e2e/**/*.test.ts cxloop as real processes (serve, SIGKILL, the CLI) and a real browser
//         tests/security/**      the attack suite of issue #13 (also real processes and a browser)
//
//   node scripts/run-tests.mjs                 every tier (npm test; scripts/setup-system.sh runs first)
//   node scripts/run-tests.mjs --tier unit     one tier (npm run test:unit, test:int, test:e2e)
//   node scripts/run-tests.mjs a.test.ts ...   these files
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';

function find(dir) {
  let out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'node_modules') out = out.concat(find(path));
    else if (entry.name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

// tests/security/ (the attack suite) starts real servers and a browser: e2e too.
const E2E = [join('tests', 'e2e') + sep, join('tests', 'security') + sep];
const TIERS = {
  unit: () => find('src'),
  int: () => find('tests').filter((f) => !E2E.some((dir) => f.startsWith(dir))),
  e2e: () =>
    find(join('tests', 'e2e')).concat(
      existsSync(join('tests', 'security')) ? find(join('tests', 'security')) : [],
    ),
};

const args = process.argv.slice(2);
let files;
if (args[0] === '--tier') {
  const tier = TIERS[args[1]];
  if (!tier || args.length !== 2) {
    console.error(`usage: run-tests.mjs --tier ${Object.keys(TIERS).join('|')}`);
    process.exit(2);
  }
  files = tier();
} else {
  files = args.length ? args : Object.values(TIERS).flatMap((tier) => tier());
}
files.sort();

// The airline survey tests read a public data set kept outside the repository (docs/airline.md).
// A narrower run (a tier, or named files) skips them, saying so; the whole suite must not pass
// without them, so it stops here before running anything. The names are AIRLINE_FILES in
// src/capabilities/understand/drivers/airline-columns.ts.
const AIRLINE = join('..', 'shared', 'data', 'airline');
const absent = ['test.csv', 'train_reconstructed.csv'].filter((f) => !existsSync(join(AIRLINE, f)));
if (!args.length && absent.length) {
  console.error(
    `the whole suite needs the airline survey data (the public "Airline Passenger Satisfaction" data set):\n` +
      `  missing ${absent.map((f) => join(AIRLINE, f)).join(', ')}\n` +
      `put it there (see docs/airline.md), or run one tier: npm run test:unit | test:int | test:e2e`,
  );
  process.exit(1);
}

// A test run must leave the checkout as it found it (a test once rewrote docs/journey-map.png):
// every tracked file's modification time is compared before and after.
const tracked = () => {
  if (!existsSync('.git')) return null;
  const list = spawnSync('git', ['ls-files', '-z'], { encoding: 'utf8' });
  if (list.status !== 0) return null;
  const times = new Map();
  for (const file of list.stdout.split('\0').filter(Boolean)) {
    if (existsSync(file)) times.set(file, statSync(file).mtimeMs);
  }
  return times;
};
const before = tracked();

const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files],
  { stdio: 'inherit' },
);

const after = tracked();
const rewritten = before && after ? [...before].filter(([file, ms]) => after.get(file) !== ms) : [];
if (rewritten.length) {
  console.error(
    `\nthe tests changed tracked files (write to artifacts/ instead):\n${rewritten.map(([f]) => `  ${f}`).join('\n')}`,
  );
  process.exit(1);
}
process.exit(result.status ?? 1);
