import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { InputError } from '../../core/issues.ts';
import { WorkTooLarge, WorkUnavailable } from './errors.ts';
import { bytes, echo, hoard, refuse, spin, TEST_TASKS_MODULE } from './fixtures/tasks.ts';
import { WorkerPool } from './pool.ts';

// Real worker threads running real task modules; each test gets its own pool.
const pools: WorkerPool[] = [];
const pool = (limits: ConstructorParameters<typeof WorkerPool>[1]) => {
  const p = new WorkerPool([TEST_TASKS_MODULE], limits);
  pools.push(p);
  return p;
};
after(() => Promise.all(pools.map((p) => p.close())));

test('a task runs in a worker and answers; bytes travel both ways', async () => {
  const p = pool({ size: 1, timeLimitMs: 30_000 });
  assert.deepEqual(await p.run(echo, { value: [1, 2, 3] }), { sum: 6 });
  const body = new TextEncoder().encode('héllo');
  const out = await p.run(bytes, body, { transfer: [body.buffer as ArrayBuffer] });
  assert.equal(body.byteLength, 0, 'the body was moved, not copied');
  assert.deepEqual(JSON.parse(new TextDecoder().decode(out)), { length: 5 });
});

test('input errors cross the thread with their field paths', async () => {
  const p = pool({ size: 1, timeLimitMs: 30_000 });
  await assert.rejects(p.run(refuse, 'matrix'), (error: unknown) => {
    assert.ok(error instanceof InputError);
    assert.deepEqual(error.issues, [{ path: 'matrix', code: 'too_small', message: 'matrix is too small' }]);
    return true;
  });
});

test('the serving thread stays free while a worker is busy', async () => {
  const p = pool({ size: 1, timeLimitMs: 30_000 });
  await p.run(echo, { value: [] }); // started and ready
  const busy = p.run(spin, 1500);
  const lags: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    await new Promise((r) => setTimeout(r, 10));
    lags.push(performance.now() - t - 10);
  }
  assert.ok((await busy) > 0);
  // A blocked thread would lag by the whole 1.5 s; the margin is for a loaded 2-core machine.
  assert.ok(Math.max(...lags) < 400, `timer lag up to ${Math.max(...lags).toFixed(0)} ms`);
});

test('a run past its time limit is stopped with WorkUnavailable, and the pool goes on with a new worker', async () => {
  const p = pool({ size: 1, timeLimitMs: 500 });
  await p.run(echo, { value: [] });
  const t = performance.now();
  await assert.rejects(p.run(spin, 60_000), (error: unknown) => {
    assert.ok(error instanceof WorkUnavailable);
    assert.equal(error.reason, 'time_limit');
    assert.equal(error.retryAfterSeconds, 1);
    return true;
  });
  assert.ok(performance.now() - t < 10_000, 'stopped at the limit, not after the minute of work');
  assert.deepEqual(await p.run(echo, { value: [4] }), { sum: 4 });
});

test('the limit counts from when a task gets a worker, not while it waits', async () => {
  const p = pool({ size: 1, timeLimitMs: 3000 });
  await p.run(echo, { value: [] });
  const first = p.run(spin, 1200);
  const second = p.run(spin, 1200); // waits ~1.2 s, then runs 1.2 s: 2.4 s in all, each run under 3 s
  assert.ok((await first) > 0);
  assert.ok((await second) > 0);
});

test('a full queue and a key over its share are refused at once with a Retry-After', async () => {
  const p = pool({ size: 1, maxQueue: 1, perKey: 2, timeLimitMs: 4000 });
  await p.run(echo, { value: [] });
  const running = p.run(spin, 1000, { key: 'a' });
  const waiting = p.run(spin, 10, { key: 'a' });
  await assert.rejects(p.run(echo, { value: [] }, { key: 'a' }), (error: unknown) => {
    assert.ok(error instanceof WorkUnavailable);
    assert.equal(error.reason, 'saturated');
    assert.match(error.message, /this workspace already has 2/);
    return true;
  });
  await assert.rejects(p.run(echo, { value: [] }, { key: 'b' }), (error: unknown) => {
    assert.ok(error instanceof WorkUnavailable);
    assert.match(error.message, /queue is full/);
    assert.ok(error.retryAfterSeconds >= 1 && error.retryAfterSeconds <= 4, String(error.retryAfterSeconds));
    return true;
  });
  await Promise.all([running, waiting]);
  assert.deepEqual(p.load, { running: 0, queued: 0 });
  assert.deepEqual(await p.run(echo, { value: [2] }, { key: 'a' }), { sum: 2 }, 'the share is given back');
});

test('an input that exhausts the worker heap is WorkTooLarge, and the worker is replaced', async () => {
  const p = pool({ size: 1, memoryMb: 64, timeLimitMs: 60_000 });
  await assert.rejects(p.run(hoard, null), WorkTooLarge);
  assert.deepEqual(await p.run(echo, { value: [5] }), { sum: 5 });
});
