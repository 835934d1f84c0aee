import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InputError } from '../core/issues.ts';
import { DomainError } from '../platform/errors.ts';
import { cliFailure } from './cli-kit.ts';

test('the CLI maps each kind once: 2 for input to fix, 3 for a database out of reach, 1 otherwise', () => {
  assert.deepEqual(cliFailure(new DomainError('invalid', '--port must be 0-65535, got 70000')), {
    message: '--port must be 0-65535, got 70000',
    exitCode: 2,
  });
  assert.equal(cliFailure(new DomainError('locked', 'held by the server'))?.exitCode, 3);
  assert.equal(cliFailure(new DomainError('unavailable', 'connection refused'))?.exitCode, 3);
  assert.equal(cliFailure(new DomainError('not_found', 'no live key "k1"'))?.exitCode, 1);
  assert.equal(cliFailure(new Error('a bug')), undefined, 'our own faults crash with their stack');
});

test('bad input lists one line per field, with its item and code', () => {
  const failure = cliFailure(
    new InputError([
      { index: 3, path: 'timestamp', code: 'invalid_date', message: 'not a date' },
      { path: 'from', code: 'invalid_format', message: 'use YYYY-MM-DD' },
    ]),
  );
  assert.deepEqual(failure, {
    message:
      'the input is not valid\n  item 3: timestamp: not a date [invalid_date]\n  from: use YYYY-MM-DD [invalid_format]',
    exitCode: 2,
  });
  const orphan = cliFailure(
    new DomainError('conflict', 'the new map drops touchpoints that stored data uses', {
      code: 'would_orphan',
      issues: [{ path: 'touchpoints.checkout', code: 'would_orphan', message: '3 stored items use it' }],
    }),
  );
  assert.equal(orphan?.exitCode, 2);
  assert.match(orphan!.message, /^the new map drops.*\n {2}touchpoints\.checkout: 3 stored items use it/);
});
