import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DomainError } from '../../errors.ts';
import { isWriteRefused, StorageHealth, STORAGE_RETRY_AFTER_SECONDS } from './storage-health.ts';

const FULL = new Error(
  'TransactionContext Error: Failed to commit: Could not write file "/data/cx.duckdb.wal": No space left on device',
);
const INVALID = new Error(
  'FATAL Error: Failed: database has been invalidated because of a previous fatal error. The database must be restarted prior to being used again.',
);

test('the disk refusing a write is classified; a constraint (a survey answer guard) is not', () => {
  assert.ok(isWriteRefused(FULL));
  assert.ok(isWriteRefused(INVALID));
  assert.ok(isWriteRefused(new Error('ENOSPC: no space left on device, write')));
  assert.ok(
    !isWriteRefused(new Error('Constraint Error: Duplicate key "id: a1" violates primary key constraint')),
  );
  assert.ok(!isWriteRefused(new DomainError('conflict', 'could not write the answer: already answered')));
});

test('a refused write is a 503 with Retry-After and no path; the next good write clears degraded', async () => {
  const health = new StorageHealth(
    async () => undefined,
    () => 1000,
  );
  const error = await health.write(() => Promise.reject(FULL)).catch((e: unknown) => e);
  assert.ok(error instanceof DomainError);
  assert.equal(error.kind, 'unavailable');
  assert.equal(error.code, 'storage_unavailable');
  assert.equal(error.retryAfterSeconds, STORAGE_RETRY_AFTER_SECONDS);
  assert.doesNotMatch(error.message, /\/data/);
  assert.deepEqual(health.status(), {
    status: 'degraded',
    reason: 'the disk is full',
    since: 1000,
    reopens: 0,
  });
  // Reads still run while writes fail.
  assert.equal(await health.read(async () => 'row'), 'row');
  assert.equal(await health.write(async () => 'stored'), 'stored');
  assert.deepEqual(health.status(), { status: 'ok', reopens: 0 });
});

test('an invalidated database is reopened before the read runs again, and a failed reopen is a 503', async () => {
  let reopenWorks = false;
  let reopened = 0;
  const health = new StorageHealth(async () => {
    if (!reopenWorks) throw new Error('still full');
    reopened++;
  });
  let invalid = true;
  const read = () => (invalid ? Promise.reject(INVALID) : Promise.resolve('row'));
  const refused = await health.read(read).catch((e: unknown) => e);
  assert.ok(refused instanceof DomainError && refused.kind === 'unavailable');
  reopenWorks = true;
  invalid = false;
  assert.equal(await health.read(read), 'row');
  assert.equal(reopened, 1);
  assert.equal(health.status().reopens, 1);
  health.stop();
});
