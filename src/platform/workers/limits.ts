import { availableParallelism } from 'node:os';
import { z } from 'zod';

/** What the pool allows; every number is a limit a request can reach, and each has its own reply. */
export interface PoolLimits {
  /** Worker threads. One fewer than the cores by default, so the thread serving HTTP keeps one. */
  size: number;
  /** Tasks that may wait for a worker; past it the API answers 503 with Retry-After. */
  maxQueue: number;
  /** Tasks one key (a workspace) may have running or waiting, so one workspace cannot fill the pool. */
  perKey: number;
  /** Longest run once a worker has the task; past it the worker is terminated and the API answers 503. */
  timeLimitMs: number;
  /** Heap of one worker (V8 old generation), MB; an input that needs more answers 413. */
  memoryMb: number;
}

export function defaultPoolLimits(): PoolLimits {
  const size = Math.max(1, availableParallelism() - 1);
  return { size, maxQueue: 4 * size, perKey: 2, timeLimitMs: 20_000, memoryMb: 512 };
}

const count = z.coerce.number().int().positive();
const envSchema = z.object({
  CXLOOP_WORKERS: count.optional(),
  CXLOOP_WORK_QUEUE: z.coerce.number().int().nonnegative().optional(),
  CXLOOP_WORK_PER_WORKSPACE: count.optional(),
  CXLOOP_WORK_TIME_LIMIT_MS: count.optional(),
  CXLOOP_WORK_MEMORY_MB: count.optional(),
});

/** Limits from CXLOOP_WORK* variables over the defaults; a bad value stops the server at start-up. */
export function poolLimitsFromEnv(env: NodeJS.ProcessEnv): PoolLimits {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${issue.path.join('.')}: ${issue.message}`);
  }
  const e = parsed.data;
  const limits = defaultPoolLimits();
  if (e.CXLOOP_WORKERS !== undefined) {
    limits.size = e.CXLOOP_WORKERS;
    limits.maxQueue = 4 * e.CXLOOP_WORKERS;
  }
  return {
    ...limits,
    ...(e.CXLOOP_WORK_QUEUE === undefined ? {} : { maxQueue: e.CXLOOP_WORK_QUEUE }),
    ...(e.CXLOOP_WORK_PER_WORKSPACE === undefined ? {} : { perKey: e.CXLOOP_WORK_PER_WORKSPACE }),
    ...(e.CXLOOP_WORK_TIME_LIMIT_MS === undefined ? {} : { timeLimitMs: e.CXLOOP_WORK_TIME_LIMIT_MS }),
    ...(e.CXLOOP_WORK_MEMORY_MB === undefined ? {} : { memoryMb: e.CXLOOP_WORK_MEMORY_MB }),
  };
}
