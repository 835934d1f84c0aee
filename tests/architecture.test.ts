import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { test } from 'node:test';

/**
 * The dependency direction, written down and checked: core <- store <- capabilities <- api / cli.
 * Each rule lists the top-level folders under src/ that a folder may import from.
 */
const LAYERS: Record<string, string[]> = {
  core: ['core'],
  store: ['core', 'store'],
  api: ['*'],
  cli: ['*'],
  server: ['*'],
};
const CAPABILITY_FORBIDDEN = ['api', 'cli', 'server'];

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? files(join(dir, e.name))
      : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')
        ? [join(dir, e.name)]
        : [],
  );
}

test('imports point one way: core imports nothing else, store only core, capabilities never api/cli', () => {
  const src = resolve('src');
  const problems: string[] = [];
  for (const file of files(src)) {
    const layer = relative(src, file).split('/')[0]!.replace(/\.ts$/, '');
    const allowed = LAYERS[layer];
    for (const match of readFileSync(file, 'utf8').matchAll(/from '(\.[^']+)'/g)) {
      const target = relative(src, resolve(dirname(file), match[1]!))
        .split('/')[0]!
        .replace(/\.ts$/, '');
      if (target.startsWith('..')) {
        problems.push(`${relative(src, file)} imports ${match[1]} from outside src/`);
        continue;
      }
      const ok = allowed
        ? allowed.includes('*') || allowed.includes(target)
        : !CAPABILITY_FORBIDDEN.includes(target);
      if (!ok) problems.push(`${relative(src, file)} (${layer}) imports ${match[1]} (${target})`);
    }
  }
  assert.deepEqual(problems, []);
});

test('core is pure: no I/O modules, no database, no clock reads', () => {
  const problems: string[] = [];
  for (const file of files(resolve('src/core'))) {
    const text = readFileSync(file, 'utf8');
    if (/from 'node:(fs|net|http|child_process|worker_threads)'/.test(text))
      problems.push(`${file}: I/O import`);
    if (/@duckdb|from 'postgres'|from 'hono/.test(text)) problems.push(`${file}: infrastructure import`);
    if (/Date\.now\(\)|new Date\(\)/.test(text)) problems.push(`${file}: reads the clock`);
  }
  assert.deepEqual(problems, []);
});
