import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { CAPABILITY_GRAPH } from '../src/capabilities/graph.ts';

/**
 * The dependency direction, written down and checked: core <- platform <- capabilities <- app.
 * Within capabilities/, a folder may use another only where CAPABILITY_GRAPH lists it; the
 * files at the top of capabilities/ (the graph, the HTTP env, the CLI kit) are shared by all.
 * web/ and sdk/ reach the server over HTTP: web may import only capability contracts, as types.
 */
const root = resolve('.');
const IMPORT = /(?:from\s+|import\s*\(\s*|import\s+)'(\.[^']+)'/g;

function files(dir: string, ext = /\.(ts|tsx|mjs)$/): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? e.name === 'node_modules' || e.name === 'dist'
        ? []
        : files(join(dir, e.name), ext)
      : ext.test(e.name)
        ? [join(dir, e.name)]
        : [],
  );
}

/** Where a file sits: its layer and, inside capabilities/, its capability ('' for the shared top files). */
function place(path: string): { layer: string; capability: string } {
  const parts = relative(resolve('src'), path).split('/');
  const layer = parts[0]!;
  if (layer !== 'capabilities') return { layer: parts.length === 1 ? '(root)' : layer, capability: '' };
  return { layer, capability: parts.length > 2 ? parts[1]! : '' };
}

/** Every relative import in src/, as [importer, target, specifier]. */
function imports(dirs: string[]): Array<[string, string, string]> {
  return dirs
    .flatMap((d) => files(d))
    .flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(IMPORT)].map(
        (m) => [file, resolve(dirname(file), m[1]!), m[1]!] as [string, string, string],
      ),
    );
}

export function wrongWayImports(srcFiles: Array<[string, string, string]>): string[] {
  const ORDER = ['core', 'platform', 'capabilities', 'app'];
  const graph: Record<string, readonly string[]> = CAPABILITY_GRAPH;
  const problems: string[] = [];
  for (const [file, target, spec] of srcFiles) {
    if (file.endsWith('.test.ts')) continue;
    const from = place(file);
    const to = place(target);
    const name = relative(root, file);
    if (!target.startsWith(resolve('src') + '/')) {
      problems.push(`${name} imports ${spec} from outside src/`);
      continue;
    }
    const fromRank = ORDER.indexOf(from.layer);
    const toRank = ORDER.indexOf(to.layer);
    if (fromRank < 0) problems.push(`${name} sits outside the layers (${ORDER.join(', ')})`);
    else if (toRank < 0 || toRank > fromRank)
      problems.push(
        `${name} (${from.layer}) imports ${spec} (${to.layer}): arrows point core <- platform <- capabilities <- app`,
      );
    else if (from.layer === 'capabilities' && to.layer === 'capabilities' && from.capability) {
      const allowed = to.capability === '' || to.capability === from.capability;
      if (!allowed && !(graph[from.capability] ?? []).includes(to.capability))
        problems.push(
          `${name} (${from.capability}) imports ${spec} (${to.capability}), which CAPABILITY_GRAPH does not list`,
        );
    }
  }
  return problems;
}

test('imports point one way: core <- platform <- capabilities <- app, capabilities as the graph says', () => {
  assert.deepEqual(wrongWayImports(imports(['src'])), []);
});

test('the check catches a wrong-way import (a platform module importing a capability)', () => {
  const platformFile = resolve('src/platform/store/port.ts');
  const capability = resolve('src/capabilities/surveys/service.ts');
  const coreFile = resolve('src/core/metrics/nps.ts');
  const problems = wrongWayImports([
    [platformFile, capability, '../../capabilities/surveys/service.ts'],
    [coreFile, platformFile, '../../platform/store/port.ts'],
    [resolve('src/capabilities/workspaces/keys.ts'), capability, '../surveys/service.ts'],
  ]);
  assert.equal(problems.length, 3, problems.join('\n'));
});

test('every capability in the graph is a folder, and the graph has no cycle', () => {
  const graph: Record<string, readonly string[]> = CAPABILITY_GRAPH;
  for (const name of Object.keys(graph)) assert.ok(existsSync(resolve('src/capabilities', name)), name);
  const visiting = new Set<string>();
  const visit = (name: string, path: string[]) => {
    assert.ok(!visiting.has(name), `cycle: ${[...path, name].join(' -> ')}`);
    visiting.add(name);
    for (const next of graph[name] ?? []) visit(next, [...path, name]);
    visiting.delete(name);
  };
  for (const name of Object.keys(graph)) visit(name, []);
});

test('core is pure: no I/O modules, no database, no clock reads', () => {
  const problems: string[] = [];
  for (const file of files(resolve('src/core'))) {
    if (file.endsWith('.test.ts')) continue;
    const text = readFileSync(file, 'utf8');
    if (/from 'node:(fs|net|http|child_process|worker_threads)'/.test(text))
      problems.push(`${file}: I/O import`);
    if (/@duckdb|from 'postgres'|from 'hono/.test(text)) problems.push(`${file}: infrastructure import`);
    if (/Date\.now\(\)|new Date\(\)/.test(text)) problems.push(`${file}: reads the clock`);
  }
  assert.deepEqual(problems, []);
});

test('web/ and sdk/ reach the server over HTTP: web imports only contract types, sdk nothing outside itself', () => {
  const problems: string[] = [];
  for (const [file, target, spec] of imports(['web/src', 'sdk/src'])) {
    const home = relative(root, file).startsWith('web/') ? resolve('web') : resolve('sdk');
    if (target.startsWith(home + '/')) continue;
    const line = readFileSync(file, 'utf8')
      .split('\n')
      .find((l) => l.includes(`'${spec}'`))!;
    const contractType = /\/capabilities\/.+\/contract\.ts$/.test(target) && /^import type /.test(line);
    // Published reference data (pure, no code paths) is shared so the dashboard and the tests check one matrix.
    const referenceData = /\/src\/core\/[^/]+\/examples\.ts$/.test(target);
    if (!(home.endsWith('web') && (contractType || referenceData)))
      problems.push(`${relative(root, file)} imports ${spec}: only a capability's contract, as a type`);
  }
  assert.deepEqual(problems, []);
});

test('test tiers follow their folders: server processes and browsers only in tests/e2e, none of them nor PostgreSQL in src', () => {
  // npm run test:unit runs src/**, test:int the rest of tests/, test:e2e tests/e2e/ (scripts/run-tests.mjs).
  const E2E_ONLY = /\/tests\/(server-process|e2e\/dashboard-kit)\.ts$/;
  const NOT_IN_UNIT = /\/tests\/(pg-server|smtp|server-process|e2e\/.*)\.ts$/;
  const problems: string[] = [];
  for (const [file, target, spec] of imports(['src', 'tests'])) {
    const name = relative(root, file);
    if (!name.endsWith('.test.ts')) continue;
    if (name.startsWith('src/') && NOT_IN_UNIT.test(target))
      problems.push(`${name} imports ${spec}: a unit test needs no server process, browser or PostgreSQL`);
    if (name.startsWith('tests/') && !/^tests\/(e2e|security)\//.test(name) && E2E_ONLY.test(target))
      problems.push(`${name} imports ${spec}: a test that starts cxloop or a browser goes in tests/e2e/`);
  }
  for (const file of [...files('src'), ...files('tests')].filter((f) => f.endsWith('.test.ts'))) {
    if (
      !/^tests\/(e2e|security)\//.test(file) &&
      /^import [^\n]* from 'playwright-core'/m.test(readFileSync(file, 'utf8'))
    )
      problems.push(`${file} drives a browser: it goes in tests/e2e/`);
  }
  assert.deepEqual(problems, []);
});

test('process.env is read only by src/platform/config.ts: configuration is parsed once and passed down', () => {
  const problems: string[] = [];
  for (const file of files(resolve('src'))) {
    const name = relative(root, file);
    // Tests hand an environment to the processes they start; they configure nothing themselves.
    if (name === 'src/platform/config.ts' || name.endsWith('.test.ts')) continue;
    const text = readFileSync(file, 'utf8');
    if (/\bprocess\.env\b|\bprocess\[['"]env['"]\]|\{\s*env\s*\}\s*=\s*process\b/.test(text))
      problems.push(`${name} reads process.env: add the variable to the schema in src/platform/config.ts`);
  }
  assert.deepEqual(problems, []);
});
