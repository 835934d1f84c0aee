import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SOMEWHERELAND } from '../../../core/structural/examples.ts';
import { createServices } from '../../graph.ts';
import { DuckDbStore } from '../../../platform/store/duckdb/store.ts';
import { createKey } from '../../workspaces/keys.ts';
import { resolveWorkspace } from '../../workspaces/workspaces.ts';
import { createApp, type App } from '../../../app/http/app.ts';
import { MIGRATIONS } from '../../migrations.ts';

// A real DuckDB file holds the keys: the analyses need no data, but the routes are behind a secret key.
const dir = mkdtempSync(join(tmpdir(), 'cxloop-structural-api-'));
let store: DuckDbStore;
let app: App;
let secret: string;
let ingest: string;

before(async () => {
  store = await DuckDbStore.open(join(dir, 'test.duckdb'), MIGRATIONS);
  const services = createServices(store);
  const { workspace } = await resolveWorkspace(store, undefined, services.now());
  secret = (await createKey(store, workspace.id, 'secret', services.now())).key;
  ingest = (await createKey(store, workspace.id, 'ingest', services.now())).key;
  app = createApp(services);
});

after(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const post = (path: string, body: unknown, key = secret) =>
  app.request(path, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

const HUB = {
  variables: ['ads', 'web', 'checkout', 'delivery'],
  matrix: [
    [0, 1, 0, 0],
    [0, 0, 3, 3],
    [1, 0, 0, 2],
    [0, 0, 2, 'P'],
  ],
};

test('POST /v1/analyze/micmac answers the CLI contract, options in the body', async () => {
  const res = await post('/v1/analyze/micmac', {
    ...HUB,
    power: 2,
    threshold: 'midpoint',
    potentialWeight: 1,
  });
  assert.equal(res.status, 200);
  const out = await res.json();
  assert.deepEqual(out.direct.influence, [1, 6, 3, 2]);
  assert.equal(out.indirect.power, 2);
  assert.deepEqual(out.indirect.influence, [6 / 32, 15 / 32, 5 / 32, 6 / 32]);
  assert.deepEqual(out.threshold, { method: 'midpoint', influence: 3.5, dependence: 3 });
  assert.equal(out.potential.weight, 1);
  assert.equal(out.orientation, 'rows influence columns');
});

test('POST /v1/analyze/dematel', async () => {
  const res = await post('/v1/analyze/dematel', {
    variables: ['a', 'b'],
    matrix: [
      [0, 2],
      [0, 0],
    ],
  });
  assert.equal(res.status, 200);
  const out = await res.json();
  assert.deepEqual(out.total, [
    [0, 1],
    [0, 0],
  ]);
  assert.deepEqual(out.groups, ['cause', 'effect']);
});

test("POST /v1/analyze/cib lists the ten consistent Somewhereland scenarios and one scenario's balances", async () => {
  const res = await post('/v1/analyze/cib', {
    ...SOMEWHERELAND,
    scenario: ['A2', 'B1', 'C3', 'D1', 'E1', 'F1'],
  });
  assert.equal(res.status, 200);
  const out = await res.json();
  assert.equal(out.scenarioCount, 486);
  assert.equal(out.consistent.length, 10);
  assert.equal(out.balances.D1, -7);
  assert.equal(out.evaluation.inconsistency, 14);
});

test('bad bodies get 400 with field paths; keys are required', async () => {
  const cell = await post('/v1/analyze/micmac', {
    variables: ['a', 'b'],
    matrix: [
      [0, 'x'],
      [1, 0],
    ],
  });
  assert.equal(cell.status, 400);
  const body = await cell.json();
  assert.equal(body.error.issues[0].path, 'matrix.0.1');
  const option = await post('/v1/analyze/micmac', { ...HUB, power: 1 });
  assert.equal(option.status, 400);
  assert.equal((await option.json()).error.issues[0].path, 'power');
  const unknown = await post('/v1/analyze/cib', { ...SOMEWHERELAND, maxNodes: 1e12 });
  assert.equal(unknown.status, 400);
  const singular = await post('/v1/analyze/dematel', {
    variables: ['a', 'b'],
    matrix: [
      [0, 1],
      [1, 0],
    ],
  });
  assert.equal(singular.status, 400);
  assert.equal((await singular.json()).error.issues[0].code, 'singular');
  assert.equal((await post('/v1/analyze/micmac', '{not json')).status, 400);
  assert.equal((await post('/v1/analyze/micmac', [1, 2])).status, 400);
  assert.equal((await post('/v1/analyze/micmac', HUB, ingest)).status, 403);
  assert.equal(
    (await app.request('/v1/analyze/micmac', { method: 'POST', body: JSON.stringify(HUB) })).status,
    401,
  );
});

test('the three routes and their request schemas are in /openapi.json', async () => {
  const doc = await (await app.request('/openapi.json')).json();
  for (const name of ['micmac', 'dematel', 'cib']) assert.ok(doc.paths[`/v1/analyze/${name}`]?.post, name);
  assert.ok(doc.components.schemas.MicmacRequest.properties.matrix);
  assert.ok(doc.components.schemas.CibRequest.properties.maxInconsistency);
});
