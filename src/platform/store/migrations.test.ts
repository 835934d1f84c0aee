import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DomainError } from '../errors.ts';
import { planMigrations, type Migration } from './migrations.ts';

const m = (id: string, legacyVersion?: number): Migration => ({
  id,
  duckdb: `-- ${id}`,
  postgres: `-- ${id}`,
  ...(legacyVersion === undefined ? {} : { legacyVersion }),
});
const REGISTRY = [
  m('platform.a', 1),
  m('ws.keys', 1),
  m('surveys.tables', 2),
  m('ws.sessions', 3),
  m('ws.new'),
];
const ids = (list: Migration[]) => list.map((x) => x.id);

test('a new database applies everything in registry order', () => {
  const plan = planMigrations(REGISTRY, [], undefined);
  assert.deepEqual(plan.adopt, []);
  assert.deepEqual(ids(plan.apply), ['platform.a', 'ws.keys', 'surveys.tables', 'ws.sessions', 'ws.new']);
});

test('a database from before the registry adopts what its version had, and applies the rest', () => {
  const plan = planMigrations(REGISTRY, [], 2);
  assert.deepEqual(plan.adopt, ['platform.a', 'ws.keys', 'surveys.tables']);
  assert.deepEqual(ids(plan.apply), ['ws.sessions', 'ws.new']);
});

test('a database that records ids applies only the missing ones, wherever they are in the list', () => {
  const plan = planMigrations(REGISTRY, ['platform.a', 'ws.keys', 'ws.sessions'], undefined);
  assert.deepEqual(ids(plan.apply), ['surveys.tables', 'ws.new']);
  assert.deepEqual(planMigrations(REGISTRY, ids(REGISTRY), undefined), { adopt: [], apply: [] });
});

test('a database from a newer cxloop is refused, naming what it does not know', () => {
  for (const [applied, legacy, named] of [
    [['platform.a', 'alerts.rules'], undefined, 'alerts.rules'],
    [[], 4, 'schema version 4'],
  ] as const) {
    assert.throws(
      () => planMigrations(REGISTRY, applied, legacy),
      (error: unknown) =>
        error instanceof DomainError &&
        error.code === 'schema_too_new' &&
        error.message.includes(named) &&
        /newer cxloop/.test(error.message),
    );
  }
});

test('an id listed twice is a programming error', () => {
  assert.throws(() => planMigrations([m('a'), m('a')], [], undefined), /listed twice/);
});
