import { availableParallelism } from 'node:os';
import type { Config } from '../config.ts';

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

/** The configured limits (CXLOOP_WORK* variables, parsed in platform/config.ts) over the defaults. */
export function poolLimits(configured: Config['workers']): PoolLimits {
  const limits = defaultPoolLimits();
  if (configured.size !== undefined) {
    limits.size = configured.size;
    limits.maxQueue = 4 * configured.size;
  }
  return {
    ...limits,
    ...(configured.maxQueue === undefined ? {} : { maxQueue: configured.maxQueue }),
    ...(configured.perKey === undefined ? {} : { perKey: configured.perKey }),
    ...(configured.timeLimitMs === undefined ? {} : { timeLimitMs: configured.timeLimitMs }),
    ...(configured.memoryMb === undefined ? {} : { memoryMb: configured.memoryMb }),
  };
}
