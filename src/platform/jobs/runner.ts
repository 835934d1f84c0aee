import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { InputError, zodIssues } from '../../core/issues.ts';
import { retryDelay } from '../../core/retry/backoff.ts';
import type { Store } from '../store/port.ts';
import { defineJob, JobLoop, type Job, type RetryPolicy } from './job.ts';
import {
  claimJobs,
  finishJob,
  insertJob,
  JOB_COLUMNS,
  toJob,
  type JobOutcome,
  type JobRecord,
} from './rows.ts';

/** What a durable job's handler is told about the run it is in. */
export interface JobContext {
  workspaceId: string;
  jobId: string;
  /** 1 for the first run, 2 for the first retry, ... */
  attempt: number;
  /** The runner's clock at the claim. */
  now: number;
}

export interface RunnerOptions {
  /** The clock, passed in so that tests and schedules decide what "due" means. */
  now: () => number;
  /** A claimed job not finished within this time is claimed again (its process died). */
  leaseMs?: number;
  /** Jobs of one claim run this many at a time. */
  concurrency?: number;
  /** For jobs that declare no retry policy of their own. */
  retry?: RetryPolicy;
}

export interface RunReport {
  claimed: number;
  done: number;
  retried: number;
  failed: number;
}

export interface EnqueueOptions {
  /** When it falls due (the clock's now when absent). */
  runAt?: number;
  /** Unique per workspace: enqueueing the same key again stores nothing and returns the first job. */
  key?: string;
}

const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 5, baseMs: 30_000, maxMs: 3_600_000 };

/** A registered job with its input type erased behind its own validation. */
interface Registered {
  retry: RetryPolicy;
  run: (payload: unknown, context: JobContext) => Promise<unknown>;
}

/**
 * Durable jobs: each run is a row in `jobs` (a timer at `run_at`), claimed under a lease, retried
 * with doubling waits when its handler throws, and `failed` with its last error after its last
 * attempt. Jobs are declared once (name + zod schema + handler) and registered here; the runner
 * claims only names it knows, so processes with different jobs can share one database.
 */
export class JobRunner {
  private readonly jobs = new Map<string, Registered>();
  private readonly leaseMs: number;
  private readonly concurrency: number;
  private readonly defaultRetry: RetryPolicy;

  constructor(
    private readonly store: Store,
    private readonly options: RunnerOptions,
  ) {
    this.leaseMs = options.leaseMs ?? 300_000;
    this.concurrency = options.concurrency ?? 4;
    this.defaultRetry = options.retry ?? DEFAULT_RETRY;
  }

  register<S extends z.ZodType>(job: Job<S, JobContext, unknown>): this {
    if (this.jobs.has(job.name)) throw new Error(`job "${job.name}" is registered twice`);
    this.jobs.set(job.name, {
      retry: job.retry ?? this.defaultRetry,
      run: (payload, context) => job.handler(job.schema.parse(payload), context),
    });
    return this;
  }

  /**
   * Stores a job to run at `runAt`. Its input is validated now, so a bad one is refused with its
   * field paths instead of failing later in the background.
   */
  async enqueue<S extends z.ZodType>(
    workspaceId: string,
    job: Job<S, JobContext, unknown>,
    input: z.input<S>,
    options: EnqueueOptions = {},
  ): Promise<{ id: string; created: boolean }> {
    const parsed = job.schema.safeParse(input);
    if (!parsed.success) throw new InputError(zodIssues(parsed.error));
    const now = this.options.now();
    const key = options.key ?? null;
    const [inserted] = await this.store.write([
      insertJob(
        workspaceId,
        {
          id: randomUUID(),
          name: job.name,
          payload: JSON.stringify(parsed.data),
          key,
          runAt: options.runAt ?? now,
          maxAttempts: (job.retry ?? this.defaultRetry).maxAttempts,
        },
        now,
      ),
    ]);
    const id = inserted!.rows[0]?.id;
    if (typeof id === 'string') return { id, created: true };
    const [existing] = await this.store.read(
      'SELECT id FROM jobs WHERE workspace_id = $1 AND idempotency_key = $2',
      [workspaceId, key],
    );
    if (typeof existing?.id !== 'string') throw new Error('a job was neither stored nor found by its key');
    return { id: existing.id, created: false };
  }

  async get(workspaceId: string, id: string): Promise<JobRecord | null> {
    const [row] = await this.store.read(
      `SELECT ${JOB_COLUMNS} FROM jobs WHERE workspace_id = $1 AND id = $2`,
      [workspaceId, id],
    );
    return row ? toJob(row) : null;
  }

  /** Claims the jobs that are due and runs them; returns what became of them. */
  async runDue(limit = 50): Promise<RunReport> {
    const report: RunReport = { claimed: 0, done: 0, retried: 0, failed: 0 };
    if (this.jobs.size === 0) return report;
    const now = this.options.now();
    const [claim] = await this.store.write([
      claimJobs(this.store.capabilities, [...this.jobs.keys()], now, now + this.leaseMs, limit),
    ]);
    const claimed = claim!.rows.map(toJob);
    report.claimed = claimed.length;
    for (let from = 0; from < claimed.length; from += this.concurrency) {
      const group = claimed.slice(from, from + this.concurrency);
      const outcomes = await Promise.all(group.map((job) => this.run(job, now)));
      await this.store.write(group.map((job, i) => finishJob(job, outcomes[i]!, this.options.now())));
      for (const outcome of outcomes) {
        if (outcome.status === 'done') report.done++;
        else if (outcome.status === 'queued') report.retried++;
        else report.failed++;
      }
    }
    return report;
  }

  /** Runs `runDue` in this process: at once while claims come back full, else every `pollMs`. */
  loop(options: { pollMs: number; batchSize: number; onError: (error: unknown) => void }) {
    const runDueJobs = defineJob({
      name: 'platform.jobs.run-due',
      schema: z.strictObject({ limit: z.number().int().min(1) }),
      handler: (input, runner: JobRunner) => runner.runDue(input.limit),
    });
    return new JobLoop(runDueJobs, { limit: options.batchSize }, this, {
      intervalMs: options.pollMs,
      again: (report) => report.claimed >= options.batchSize,
      onError: options.onError,
    });
  }

  private async run(job: JobRecord, now: number): Promise<JobOutcome> {
    const registered = this.jobs.get(job.name)!;
    // Each claim counts as an attempt; past the last one the job was killing its process.
    if (job.attempts > job.maxAttempts)
      return { status: 'failed', error: `${job.lastError ?? 'its run never finished'} (no attempts left)` };
    try {
      const context = { workspaceId: job.workspaceId, jobId: job.id, attempt: job.attempts, now };
      await registered.run(JSON.parse(job.payload), context);
      return { status: 'done' };
    } catch (thrown) {
      const error = (thrown instanceof Error ? thrown.message : String(thrown)).slice(0, 1000);
      if (job.attempts >= job.maxAttempts) return { status: 'failed', error };
      const wait = retryDelay(job.attempts, job.id, registered.retry);
      return { status: 'queued', runAt: this.options.now() + wait, error };
    }
  }
}
