import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { describe, test } from 'node:test';
import { cliEntry } from '../scripts/build-cli.mjs';
import { defaultJourney } from '../src/capabilities/journeys/templates.ts';
import type { ValidationReply, ValidationRequest } from '../src/capabilities/ingest/validation-worker.ts';

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

  test('the validation worker runs from the build, without tsx', async () => {
    await cliEntry();
    const worker = new Worker(new URL('../dist/cli/validation-worker-entry.mjs', import.meta.url), {
      execArgv: [], // not the test runner's --import tsx: the entry must be JavaScript on its own
    });
    try {
      const ask = (request: ValidationRequest) =>
        new Promise<ValidationReply>((resolve, reject) => {
          worker.once('message', resolve);
          worker.once('error', reject);
          worker.postMessage(request);
        });
      const body = (items: unknown) => new TextEncoder().encode(JSON.stringify(items));
      const good = await ask({
        id: 1,
        call: 'events',
        body: body({
          id: 'e1',
          customerId: 'c1',
          name: 'Order Completed',
          timestamp: '2025-02-01T10:00:00Z',
        }),
        now: Date.parse('2025-03-01T00:00:00Z'),
        journeyKey: 'j',
        journey: defaultJourney(),
      });
      assert.equal(good.ok, true, JSON.stringify(good));
      const bad = await ask({
        id: 2,
        call: 'events',
        body: body({ id: 'e2', customerId: 'c1', name: '', timestamp: 'x' }),
        now: 0,
        journeyKey: 'j',
      });
      assert.ok(!bad.ok && 'issues' in bad, JSON.stringify(bad));
      assert.deepEqual(bad.issues.map((i) => i.path).sort(), ['name', 'timestamp']);
    } finally {
      await worker.terminate();
    }
  });
});
