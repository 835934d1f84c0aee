import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadDemo } from '../src/app/demo/load.ts';
import { testApp, tempDir } from './helpers.ts';

/**
 * The understand contract over HTTP (in-process) and on the command line: POST /v1/analyze/drivers,
 * /cross-impact and /what-if over stored data, and `cxloop analyze ... --format json`.
 */
const NOW = Date.parse('2025-06-30T12:00:00Z');
const WINDOW = { from: '2024-07-01', to: '2025-06-30' };

describe('understand over HTTP', () => {
  let app: Awaited<ReturnType<typeof testApp>>;
  before(async () => {
    app = await testApp(() => NOW);
    await loadDemo(app.services, 'acme', { customers: 1500, seed: 2 });
  });
  after(() => app?.close());
  const secret = () => app.keys.acme!.secret;

  test('cross-impact: the matrix, outcome effects and MICMAC of the measured matrix', async () => {
    const res = await app.post('/v1/analyze/cross-impact', secret(), {
      ...WINDOW,
      influence: { micmac: true },
    });
    assert.equal(res.status, 200);
    const body = (await res.json()) as Record<string, unknown> & {
      touchpoints: { id: string }[];
      pairs: { from: string; to: string; status: string; n: number }[];
      riskDifference: (number | null)[][];
      influence: {
        input: { variables: string[] };
        sparsity: { variables: number; linked: number; tooSparse: boolean };
        micmac: { variables: string[] } | { tooSparse: string };
      };
    };
    const ids = body.touchpoints.map((t) => t.id);
    assert.equal(body.pairs.length, ids.length * (ids.length - 1));
    assert.equal(body.riskDifference.length, ids.length);
    // Issue #14: MICMAC of a matrix too sparse to rank is not drawn; the reply says so instead.
    const { sparsity, micmac } = body.influence;
    assert.equal(sparsity.variables, ids.length);
    if (sparsity.tooSparse) {
      assert.ok('tooSparse' in micmac, JSON.stringify(micmac));
      assert.match(
        micmac.tooSparse,
        new RegExp(`too sparse to rank: ${sparsity.linked} of ${ids.length} touchpoints`),
      );
    } else assert.deepEqual('variables' in micmac ? micmac.variables : null, ids);
    for (const key of ['outcomes', 'strongest', 'definitions', 'window', 'notes'])
      assert.ok(key in body, key);
  });

  test('drivers over stored data, in the shape of the CSV mode', async () => {
    const res = await app.post('/v1/analyze/drivers', secret(), { ...WINDOW, outcome: 'nps' });
    assert.equal(res.status, 200);
    const body = (await res.json()) as {
      ok: boolean;
      n: number;
      r2: number;
      drivers: Record<string, unknown>[];
    };
    assert.equal(body.ok, true);
    for (const key of [
      'name',
      'lmg',
      'lmgShare',
      'relativeWeight',
      'relativeWeightShare',
      'generalDominance',
      'beta',
      'r',
      'p',
    ]) {
      for (const d of body.drivers) assert.equal(typeof d[key], key === 'name' ? 'string' : 'number', key);
    }
  });

  test('what-if: direct, indirect and total with intervals and the assumptions', async () => {
    const res = await app.post('/v1/analyze/what-if', secret(), {
      ...WINDOW,
      touchpoint: 'delivery',
      outcome: 'nps',
      halveBad: true,
    });
    assert.equal(res.status, 200);
    const body = (await res.json()) as Record<string, { estimate: number; ci95: number[] }> & {
      ok: boolean;
      assumptions: string[];
    };
    assert.equal(body.ok, true);
    for (const key of ['direct', 'indirect', 'total']) {
      assert.equal(body[key]!.ci95.length, 2);
      assert.ok(body[key]!.ci95[0]! <= body[key]!.estimate && body[key]!.estimate <= body[key]!.ci95[1]!);
    }
    assert.ok(body.assumptions.length > 0);
  });

  test('bad input is a 400 with the field path, a missing key a 401, an ingest key a 403', async () => {
    const cases: [string, unknown, string][] = [
      ['/v1/analyze/cross-impact', { to: '2025-01-01' }, 'from'],
      ['/v1/analyze/cross-impact', { ...WINDOW, outcomes: ['loyalty'] }, 'outcomes.0'],
      ['/v1/analyze/cross-impact', { ...WINDOW, touchpoints: ['nowhere'] }, 'touchpoints'],
      ['/v1/analyze/cross-impact', { from: '2025-02-30', to: '2025-03-01' }, 'from'],
      ['/v1/analyze/drivers', { ...WINDOW, outcome: 'nps', drivers: ['nowhere'] }, 'drivers'],
      ['/v1/analyze/what-if', { ...WINDOW, touchpoint: 'delivery', lift: 1, halveBad: true }, 'lift'],
      ['/v1/analyze/what-if', { ...WINDOW, touchpoint: 'nowhere', lift: 1 }, 'touchpoint'],
    ];
    for (const [path, body, field] of cases) {
      const res = await app.post(path, secret(), body);
      assert.equal(res.status, 400, `${path} ${JSON.stringify(body)}`);
      const error = ((await res.json()) as { error: { issues: { path: string }[] } }).error;
      assert.ok(
        error.issues.some((i) => i.path === field),
        `${path}: ${JSON.stringify(error.issues)}`,
      );
    }
    assert.equal((await app.post('/v1/analyze/cross-impact', null, WINDOW)).status, 401);
    assert.equal((await app.post('/v1/analyze/cross-impact', app.keys.acme!.ingest, WINDOW)).status, 403);
  });

  test('every workspace sees only its own data', async () => {
    const res = await app.post('/v1/analyze/cross-impact', app.keys.globex!.secret, WINDOW);
    assert.equal(((await res.json()) as { customers: number }).customers, 0);
  });

  test('the routes are in the OpenAPI document', async () => {
    const doc = (await (await app.get('/openapi.json', null)).json()) as { paths: Record<string, unknown> };
    for (const path of ['/v1/analyze/drivers', '/v1/analyze/cross-impact', '/v1/analyze/what-if']) {
      assert.ok(path in doc.paths, path);
    }
  });
});

describe('understand on the command line', () => {
  const root = fileURLToPath(new URL('../', import.meta.url));
  const tmp = tempDir();
  after(() => tmp.cleanup());
  const cxloop = (...args: string[]) =>
    spawnSync(process.execPath, ['bin/cxloop.js', ...args, '--db', tmp.db], { cwd: root, encoding: 'utf8' });

  test('cross-impact, drivers and what-if print one JSON document each', () => {
    assert.equal(cxloop('demo', '--customers', '300').status, 0);
    const window = ['--from', '2020-01-01', '--to', '2030-12-31', '--format', 'json'];
    const matrix = cxloop('analyze', 'cross-impact', ...window);
    assert.equal(matrix.status, 0, matrix.stderr);
    assert.ok(Array.isArray(JSON.parse(matrix.stdout).pairs));
    const drivers = cxloop(
      'analyze',
      'drivers',
      ...window,
      '--outcome',
      'nps',
      '--drivers',
      'delivery,checkout',
    );
    assert.ok(drivers.status === 0 || drivers.status === 1, drivers.stderr);
    assert.ok('r2' in JSON.parse(drivers.stdout) || 'error' in JSON.parse(drivers.stdout));
    const whatIf = cxloop('analyze', 'what-if', ...window, '--touchpoint', 'delivery', '--lift', '1');
    assert.ok(whatIf.status === 0 || whatIf.status === 1, whatIf.stderr);
    assert.ok('assumptions' in JSON.parse(whatIf.stdout));
  });

  test('bad options get a clear message and exit code 2', () => {
    const run = cxloop('analyze', 'cross-impact', '--from', 'yesterday', '--to', '2025-01-01');
    assert.equal(run.status, 2);
    assert.match(run.stderr, /from: use YYYY-MM-DD/);
    const both = cxloop(
      'analyze',
      'what-if',
      '--from',
      '2025-01-01',
      '--to',
      '2025-02-01',
      '--touchpoint',
      'delivery',
    );
    assert.equal(both.status, 2);
    assert.match(both.stderr, /exactly one of lift/);
  });
});
