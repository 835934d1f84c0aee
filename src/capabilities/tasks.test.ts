import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, test } from 'node:test';
import { InputError } from '../core/issues.ts';
import { SOMEWHERELAND } from '../core/structural/examples.ts';
import type { WhatIfInput } from '../core/what-if/what-if.ts';
import { WorkerPool } from '../platform/workers/pool.ts';
import { readSurveyTask } from './surveys/tasks.ts';
import { TASKS_MODULE } from './tasks.ts';
import { cibTask, dematelTask, micmacTask } from './understand/structural/tasks.ts';
import { monteCarloTask } from './understand/what-if/tasks.ts';

// The server's pool (real worker threads loading the task list) answers exactly as the calling thread does.
const pool = new WorkerPool([TASKS_MODULE], { size: 1, timeLimitMs: 60_000 });
after(() => pool.close());

const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const json = (b: Uint8Array) => JSON.parse(new TextDecoder().decode(b)) as unknown;

const influence = {
  variables: ['price', 'delivery', 'support', 'loyalty'],
  matrix: [
    [0, 3, 1, 'P'],
    [1, 0, 2, 3],
    [0, 1, 0, 2],
    [0, 0, 1, 0],
  ],
};

test('MICMAC, DEMATEL and CIB in the pool equal the same tasks run inline', async () => {
  const cases = [
    [micmacTask, { ...influence, potentialWeight: 1 }],
    [dematelTask, influence],
    [cibTask, { ...SOMEWHERELAND, maxInconsistency: 1 }],
  ] as const;
  for (const [task, body] of cases) {
    const inline = json(task.run(bytes(body)));
    const pooled = json(await pool.run(task, bytes(body)));
    assert.deepEqual(pooled, inline, task.name);
  }
});

test('a bad cell is reported from the pool with its field path', async () => {
  const bad = { ...influence, matrix: [[0, -1, 0, 0], ...influence.matrix.slice(1)] };
  await assert.rejects(pool.run(dematelTask, bytes(bad)), (error: unknown) => {
    assert.ok(error instanceof InputError);
    assert.equal(error.issues[0]?.path, 'matrix.0.1');
    return true;
  });
});

test('the what-if Monte Carlo in the pool equals the inline draw for draw', async () => {
  const input: WhatIfInput = {
    target: 'delivery',
    drivers: ['delivery', 'support'],
    b: [0.4, 0.2],
    covB: new Float64Array([0.01, 0.002, 0.002, 0.02]),
    gaps: { delivery: { estimate: 30, se: 2 }, support: { estimate: 25, se: 3 } },
    rd: { support: { estimate: 0.2, se: 0.05 } },
    change: { kind: 'lift', points: 1, deltaScore: 10, deltaBad: -0.1 },
    draws: 5000,
    seed: 7,
  };
  assert.deepEqual(await pool.run(monteCarloTask, input), monteCarloTask.run(input));
});

test('a YAML survey definition is parsed and validated in the pool', async () => {
  const body = readFileSync(new URL('../../examples/surveys/post-delivery-csat.yaml', import.meta.url));
  const input = () => ({
    body: new Uint8Array(body),
    format: 'yaml' as const,
    id: 'post-delivery-csat',
    touchpoints: ['delivery'],
  });
  const pooled = await pool.run(readSurveyTask, input());
  assert.deepEqual(pooled, readSurveyTask.run(input()));
  assert.equal(pooled.touchpoint, 'delivery');
  await assert.rejects(pool.run(readSurveyTask, { ...input(), touchpoints: ['checkout'] }), InputError);
});
