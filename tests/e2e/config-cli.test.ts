import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { after, test } from 'node:test';
import { tempDir } from '../helpers.ts';

/** The real CLI with exactly this environment (plus PATH), as an operator would start it. */
const cxloop = (env: Record<string, string>, ...args: string[]) =>
  spawnSync(process.execPath, ['bin/cxloop.js', ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', ...env },
  });

const tmp = tempDir('cxloop-config-');
after(() => tmp.cleanup());

test('a bad variable stops the command before it touches anything, and is named', () => {
  const run = cxloop({ CXLOOP_DB: tmp.db, CXLOOP_SMTP_PORT: 'smtp', PORT: '70000' }, 'keys', 'list');
  assert.equal(run.status, 2, run.stderr);
  assert.match(run.stderr, /^error: the configuration in the environment is not valid/);
  assert.match(run.stderr, /\n {2}CXLOOP_SMTP_PORT: .+/);
  assert.match(run.stderr, /\n {2}PORT: .+/);
  assert.equal(existsSync(tmp.db), false, 'no database was opened');
});

test('CXLOOP_DB reaches every command as the default --db, and --db still wins', () => {
  const fromEnv = cxloop({ CXLOOP_DB: tmp.db }, 'keys', 'list', '--format', 'json');
  assert.equal(fromEnv.status, 0, fromEnv.stderr);
  assert.ok(existsSync(tmp.db), 'the command opened the configured database');
  const other = `${tmp.dir}/other.duckdb`;
  const explicit = cxloop({ CXLOOP_DB: tmp.db }, 'keys', 'list', '--format', 'json', '--db', other);
  assert.equal(explicit.status, 0, explicit.stderr);
  assert.ok(existsSync(other));
});
