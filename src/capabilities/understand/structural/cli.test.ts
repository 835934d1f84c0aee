import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { SOMEWHERELAND } from '../../../core/structural/examples.ts';

const run = promisify(execFile);
const cli = resolve('bin/cxloop.js');
const dir = mkdtempSync(join(tmpdir(), 'cxloop-structural-'));

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

/** Runs the real CLI in an empty directory, so a database it opened by mistake would show up there. */
async function cxloop(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, ...args], {
      cwd: dir,
      env: { ...process.env, CXLOOP_DB: '' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const HUB = {
  variables: ['ads', 'web', 'checkout', 'delivery'],
  matrix: [
    [0, 1, 0, 0],
    [0, 0, 3, 3],
    [1, 0, 0, 2],
    [0, 0, 2, 'P'],
  ],
};

test('analyze micmac --format json follows the contract', async () => {
  const r = await cxloop(
    'analyze',
    'micmac',
    '--input',
    file('hub.json', HUB),
    '--threshold',
    'median',
    '--format',
    'json',
  );
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.deepEqual(out.variables, HUB.variables);
  assert.equal(out.orientation, 'rows influence columns');
  assert.deepEqual(out.direct.influence, [1, 6, 3, 2]);
  assert.deepEqual(out.direct.dependence, [1, 1, 5, 5]);
  assert.equal(typeof out.indirect.power, 'number');
  assert.equal(out.indirect.converged, true);
  assert.ok(Math.abs(out.indirect.influence.reduce((a: number, b: number) => a + b, 0) - 1) < 1e-12);
  assert.ok(Math.abs(out.indirect.dependence.reduce((a: number, b: number) => a + b, 0) - 1) < 1e-12);
  assert.deepEqual(out.quadrants, ['autonomous', 'influential', 'relay', 'dependent']);
  assert.deepEqual(out.threshold, { method: 'median', influence: 2.5, dependence: 3 });
  assert.equal(out.potential.weight, 3);
  assert.deepEqual(out.potential.direct.influence, [1, 6, 3, 5]);
  assert.ok(Array.isArray(out.hiddenInfluencers));
  assert.equal(existsSync(join(dir, 'data')), false, 'no database is opened');
});

test('analyze micmac reads CSV and takes --power, --potential-weight and a numeric threshold', async () => {
  const csv = file(
    'hub.csv',
    ',ads,web,checkout,delivery\nads,0,1,,\nweb,0,0,3,3\ncheckout,1,0,0,2\ndelivery,0,0,2,P\n',
  );
  const r = await cxloop(
    'analyze',
    'micmac',
    '--input',
    csv,
    '--power',
    '2',
    '--potential-weight',
    '1',
    '--threshold',
    '2.5',
    '--format',
    'json',
  );
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.indirect.power, 2);
  assert.deepEqual(out.indirect.influence, [6 / 32, 15 / 32, 5 / 32, 6 / 32]);
  assert.deepEqual(out.threshold, { method: 'value', influence: 2.5, dependence: 2.5 });
  assert.deepEqual(out.potential.direct.influence, [1, 6, 3, 3]);
});

test('analyze dematel --format json', async () => {
  const r = await cxloop(
    'analyze',
    'dematel',
    '--input',
    file('pair.json', {
      variables: ['a', 'b'],
      matrix: [
        [0, 3],
        [2, 0],
      ],
    }),
    '--format',
    'json',
  );
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.deepEqual(out.variables, ['a', 'b']);
  assert.equal(out.normalisation.value, 3);
  out.total.flat().forEach((t: number, i: number) => assert.ok(Math.abs(t - [2, 3, 2, 2][i]!) < 1e-12));
  assert.deepEqual(out.groups, ['cause', 'effect']);
  assert.equal(out.diagram.points.length, 2);
});

test('analyze cib on Somewhereland: 486 scenarios, 10 consistent, the manual balances', async () => {
  const input = file('somewhereland.json', SOMEWHERELAND);
  const r = await cxloop(
    'analyze',
    'cib',
    '--input',
    input,
    '--scenario',
    'A2,B1,C3,D1,E1,F1',
    '--format',
    'json',
  );
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.scenarioCount, 486);
  assert.equal(out.consistent.length, 10);
  for (const s of out.consistent) {
    assert.equal(s.scenario.length, 6);
    assert.equal(s.inconsistency, 0);
    assert.equal(typeof s.totalImpactScore, 'number');
  }
  assert.deepEqual(
    Object.values(out.balances),
    [0, 3, -3, 2, 1, -3, -9, -1, 10, -7, 7, 4, -1, -3, 2, -1, -1],
  );
  assert.equal(out.balances.D2, 7);
  const loose = JSON.parse(
    (await cxloop('analyze', 'cib', '--input', input, '--max-inconsistency', '1', '--format', 'json')).stdout,
  );
  assert.ok(loose.consistent.length > 10);
  assert.equal(loose.consistentCount, 10);
  assert.deepEqual(loose.consistent.slice(0, 10), out.consistent);
});

test('bad input exits 2 and names the field', async () => {
  const bad = await cxloop(
    'analyze',
    'micmac',
    '--input',
    file('bad.json', {
      variables: ['a', 'b'],
      matrix: [
        [0, 1],
        [-1, 0],
      ],
    }),
    '--format',
    'json',
  );
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /matrix\.1\.0: .*negative_influence/);
  const cib = await cxloop(
    'analyze',
    'cib',
    '--input',
    file('cib.json', {
      ...SOMEWHERELAND,
      matrix: SOMEWHERELAND.matrix.map((row, i) => (i === 2 ? row.map((v, j) => (j === 5 ? 0.5 : v)) : row)),
    }),
    '--format',
    'json',
  );
  assert.equal(cib.code, 2);
  assert.match(cib.stderr, /matrix\.2\.5: .*not_integer/);
  const singular = await cxloop(
    'analyze',
    'dematel',
    '--input',
    file('loop.json', {
      variables: ['a', 'b'],
      matrix: [
        [0, 1],
        [1, 0],
      ],
    }),
    '--format',
    'json',
  );
  assert.equal(singular.code, 2);
  assert.match(singular.stderr, /I - N is singular/);
});
