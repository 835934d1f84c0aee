import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { z } from 'zod';
import { InputError } from '../src/core/issues.ts';
import { defineJob } from '../src/platform/jobs/job.ts';
import { JobRunner, type JobContext } from '../src/platform/jobs/runner.ts';
import { DuckDbStore } from '../src/platform/store/duckdb/store.ts';
import type { Store } from '../src/platform/store/port.ts';
import { PostgresStore } from '../src/platform/store/postgres/store.ts';
import { tempDir } from './helpers.ts';
import { startPgServer, type PgServer } from './pg-server.ts';
import { MIGRATIONS } from '../src/capabilities/migrations.ts';

const T0 = Date.parse('2025-06-30T12:00:00Z');
const MINUTE = 60_000;

/** A clock the test moves by hand: the runner sees only what it is given. */
const manualClock = () => {
  const clock = { now: T0 };
  return { clock, now: () => clock.now };
};

/** The same behaviour on every store: a real DuckDB file and a real PostgreSQL database. */
function jobSuite(name: string, open: () => Promise<{ store: Store; close: () => Promise<void> }>) {
  describe(`durable jobs on ${name}`, () => {
    let store: Store;
    let close: (() => Promise<void>) | undefined;
    before(async () => {
      ({ store, close } = await open());
      await store.createWorkspace('w', 'W', T0);
      await store.createWorkspace('other', 'Other', T0);
    });
    after(() => close?.());

    test('a job scheduled in the future runs only once the clock says it is due', async () => {
      const { clock, now } = manualClock();
      const ran: { greeting: string; at: number; context: JobContext }[] = [];
      const greet = defineJob({
        name: 'test.greet',
        schema: z.strictObject({ greeting: z.string().min(1) }),
        handler: async (input, context: JobContext) => void ran.push({ ...input, at: clock.now, context }),
      });
      const runner = new JobRunner(store, { now }).register(greet);
      const { id } = await runner.enqueue('w', greet, { greeting: 'hello' }, { runAt: T0 + 10 * MINUTE });

      clock.now = T0 + 10 * MINUTE - 1;
      assert.deepEqual(await runner.runDue(), { claimed: 0, done: 0, retried: 0, failed: 0 });
      assert.equal(ran.length, 0, 'not a millisecond early');

      clock.now = T0 + 10 * MINUTE;
      assert.deepEqual(await runner.runDue(), { claimed: 1, done: 1, retried: 0, failed: 0 });
      assert.deepEqual(
        ran.map((r) => [r.greeting, r.at, r.context.workspaceId, r.context.jobId, r.context.attempt]),
        [['hello', T0 + 10 * MINUTE, 'w', id, 1]],
      );
      const job = await runner.get('w', id);
      assert.equal(job?.status, 'done');
      assert.equal(job?.finishedAt, T0 + 10 * MINUTE);
      clock.now += 60 * MINUTE;
      assert.equal((await runner.runDue()).claimed, 0, 'a done job never runs again');
      assert.equal(ran.length, 1);
    });

    test('a failing job retries with doubling waits, then gives up with its error recorded', async () => {
      const { clock, now } = manualClock();
      const attempts: number[] = [];
      const flaky = defineJob({
        name: 'test.flaky',
        schema: z.strictObject({ to: z.string() }),
        retry: { maxAttempts: 3, baseMs: MINUTE, maxMs: 10 * MINUTE },
        handler: async (input, context: JobContext) => {
          attempts.push(context.attempt);
          throw new Error(`the receiver of ${input.to} is down (attempt ${context.attempt})`);
        },
      });
      const runner = new JobRunner(store, { now }).register(flaky);
      const { id } = await runner.enqueue('w', flaky, { to: 'hooks.example' });

      assert.deepEqual(await runner.runDue(), { claimed: 1, done: 0, retried: 1, failed: 0 });
      let job = (await runner.get('w', id))!;
      assert.equal(job.status, 'queued');
      assert.equal(job.lastError, 'the receiver of hooks.example is down (attempt 1)');
      // First wait: one minute, give or take the 20 % jitter that spreads jobs failing together.
      const firstWait = job.runAt - clock.now;
      assert.ok(firstWait >= 0.8 * MINUTE && firstWait <= 1.2 * MINUTE, `first wait ${firstWait} ms`);
      clock.now = job.runAt - 1;
      assert.equal((await runner.runDue()).claimed, 0, 'not before the backoff');

      clock.now = job.runAt;
      assert.deepEqual(await runner.runDue(), { claimed: 1, done: 0, retried: 1, failed: 0 });
      job = (await runner.get('w', id))!;
      const secondWait = job.runAt - clock.now;
      assert.ok(secondWait >= 1.6 * MINUTE && secondWait <= 2.4 * MINUTE, `second wait ${secondWait} ms`);

      clock.now = job.runAt;
      assert.deepEqual(await runner.runDue(), { claimed: 1, done: 0, retried: 0, failed: 1 });
      job = (await runner.get('w', id))!;
      assert.equal(job.status, 'failed');
      assert.equal(job.attempts, 3);
      assert.equal(job.lastError, 'the receiver of hooks.example is down (attempt 3)');
      assert.equal(job.finishedAt, clock.now);
      assert.deepEqual(attempts, [1, 2, 3]);
      clock.now += 24 * 60 * MINUTE;
      assert.equal((await runner.runDue()).claimed, 0, 'a failed job stays failed');
    });

    test('an enqueue with the same idempotency key stores one job; keys are per workspace', async () => {
      const { now } = manualClock();
      const ran: string[] = [];
      const once = defineJob({
        name: 'test.once',
        schema: z.strictObject({ order: z.string() }),
        handler: async (input, context: JobContext) => void ran.push(`${context.workspaceId}:${input.order}`),
      });
      const runner = new JobRunner(store, { now }).register(once);
      const first = await runner.enqueue('w', once, { order: 'o-1' }, { key: 'thank-you:o-1' });
      const again = await runner.enqueue('w', once, { order: 'o-1' }, { key: 'thank-you:o-1' });
      const elsewhere = await runner.enqueue('other', once, { order: 'o-1' }, { key: 'thank-you:o-1' });
      assert.equal(first.created, true);
      assert.deepEqual(again, { id: first.id, created: false });
      assert.equal(elsewhere.created, true);
      const [count] = await store.read(
        "SELECT count(*) AS n FROM jobs WHERE name = 'test.once' AND idempotency_key = 'thank-you:o-1'",
      );
      assert.equal(Number(count!.n), 2, 'one job per workspace');
      await runner.runDue();
      assert.deepEqual(ran.sort(), ['other:o-1', 'w:o-1']);
    });

    test('a bad input is refused with its field path and nothing is stored', async () => {
      const { now } = manualClock();
      const typed = defineJob({
        name: 'test.typed',
        schema: z.strictObject({ count: z.number().int() }),
        handler: async () => undefined,
      });
      const runner = new JobRunner(store, { now }).register(typed);
      await assert.rejects(
        // @ts-expect-error: a wrong input type, as a caller outside TypeScript could send
        runner.enqueue('w', typed, { count: 'three' }),
        (error: unknown) => error instanceof InputError && error.issues[0]!.path === 'count',
      );
      const [count] = await store.read("SELECT count(*) AS n FROM jobs WHERE name = 'test.typed'");
      assert.equal(Number(count!.n), 0);
    });

    test('a job whose run never finished (its process died) is claimed again after its lease', async () => {
      const { clock, now } = manualClock();
      const runs: number[] = [];
      const slow = defineJob({
        name: 'test.lease',
        schema: z.strictObject({}),
        handler: async (_input, context: JobContext) => void runs.push(context.attempt),
      });
      const runner = new JobRunner(store, { now, leaseMs: 5 * MINUTE }).register(slow);
      const { id } = await runner.enqueue('w', slow, {});
      // A claim whose process dies before finishing: the row stays running under its lease.
      await store.write([
        {
          sql: `UPDATE jobs SET status = 'running', attempts = 1, lease_until = $1 WHERE id = $2`,
          params: [new Date(T0 + 5 * MINUTE), id],
        },
      ]);
      clock.now = T0 + 5 * MINUTE - 1;
      assert.equal((await runner.runDue()).claimed, 0, 'the lease still holds');
      clock.now = T0 + 5 * MINUTE;
      assert.deepEqual(await runner.runDue(), { claimed: 1, done: 1, retried: 0, failed: 0 });
      assert.deepEqual(runs, [2], 'the lost run counted as the first attempt');
    });
  });
}

jobSuite('a DuckDB file', async () => {
  const tmp = tempDir('cxloop-jobs-');
  const store = await DuckDbStore.open(tmp.db, MIGRATIONS);
  const close = async () => {
    await store.close();
    tmp.cleanup();
  };
  return { store, close };
});

let pg: PgServer | undefined;
jobSuite('PostgreSQL', async () => {
  pg = await startPgServer();
  const store = await PostgresStore.open(await pg.createDatabase(), MIGRATIONS);
  const close = async () => {
    await store.close();
    await pg?.stop();
  };
  return { store, close };
});

describe('durable jobs claimed by several PostgreSQL processes', () => {
  let server: PgServer;
  let stores: PostgresStore[];
  before(async () => {
    server = await startPgServer();
    const url = await server.createDatabase();
    // Each store is its own connection pool, as each server process would have.
    stores = [await PostgresStore.open(url, MIGRATIONS), await PostgresStore.open(url, MIGRATIONS)];
    await stores[0]!.createWorkspace('w', 'W', T0);
  });
  after(async () => {
    for (const store of stores ?? []) await store.close();
    await server?.stop();
  });

  test('two runners draining the same due jobs never run one twice', async () => {
    const total = 400;
    const runs: string[] = [];
    const work = defineJob({
      name: 'test.work',
      schema: z.strictObject({ n: z.number().int() }),
      handler: async (input, context: JobContext) => {
        runs.push(`${input.n}`);
        // Hold the claim a moment, so the other runner's claims overlap this one.
        await new Promise((resolve) => setTimeout(resolve, context.attempt));
      },
    });
    const runners = stores.map((store) =>
      new JobRunner(store, { now: () => T0, concurrency: 8 }).register(work),
    );
    for (let n = 0; n < total; n++) await runners[0]!.enqueue('w', work, { n }, { runAt: T0 - (n % 7) });

    // Four claim loops per runner, each taking batches of 10 until nothing is due.
    const perRunner = [0, 0];
    await Promise.all(
      runners.flatMap((runner, r) =>
        Array.from({ length: 4 }, async () => {
          for (;;) {
            const report = await runner.runDue(10);
            if (report.claimed === 0) return;
            perRunner[r]! += report.done;
          }
        }),
      ),
    );
    const twice = runs.filter((n, i) => runs.indexOf(n) !== i);
    assert.deepEqual(twice, [], 'a job ran more than once');
    assert.equal(new Set(runs).size, total, 'every job ran');
    assert.ok(perRunner[0]! > 0 && perRunner[1]! > 0, `both runners took part (${perRunner.join(' / ')})`);
    const [left] = await stores[0]!.read("SELECT count(*) AS n FROM jobs WHERE status <> 'done'");
    assert.equal(Number(left!.n), 0);
  });
});
