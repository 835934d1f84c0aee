import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { cliEntry } from '../scripts/build-cli.mjs';

/** The compiled CLI in dist/cli (scripts/build-cli.mjs), as bin/cxloop.js runs it. */

interface Metafile {
  outputs: Record<string, { imports: { path: string; kind: string; external?: boolean }[] }>;
}

/** The packages and outputs a module loads before its first line runs: its static imports, transitively. */
function loadedAtStart(meta: Metafile, output: string) {
  const outputs = new Set<string>();
  const packages = new Set<string>();
  const visit = (path: string) => {
    if (outputs.has(path)) return;
    outputs.add(path);
    for (const i of meta.outputs[path]!.imports) {
      if (i.kind !== 'import-statement') continue;
      if (i.external) packages.add(i.path);
      else visit(i.path);
    }
  };
  visit(output);
  return { outputs, packages };
}

describe('the compiled CLI', () => {
  test('starting it (cxloop --help) loads commander and nothing heavier', async () => {
    await cliEntry();
    const meta = JSON.parse(readFileSync('dist/cli/meta.json', 'utf8')) as Metafile;
    const { packages } = loadedAtStart(meta, 'dist/cli/cli.mjs');
    const heavy = [...packages].filter((p) => !p.startsWith('node:') && p !== 'commander');
    assert.deepEqual(heavy, [], 'services, drivers and parsers are imported when a command runs');
  });
});
