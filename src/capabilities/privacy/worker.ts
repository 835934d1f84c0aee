import { z } from 'zod';
import { defineJob, JobLoop } from '../../platform/jobs/job.ts';
import type { Retention, RetentionRun } from './retention.ts';

/** The retention job: every workspace's settings enforced at the clock's time (see retention.ts). */
export const retentionJob = defineJob({
  name: 'privacy.retention',
  schema: z.strictObject({}),
  handler: (_input, context: { retention: Retention }): Promise<RetentionRun[]> =>
    context.retention.enforceAll(),
});

/**
 * Hourly in a server process: a day's worth of data crosses the cut-off each day, and an hour's
 * delay on a period counted in days is well inside it. Idempotent, so several server processes
 * (PostgreSQL) may each run it.
 */
export function retentionLoop(retention: Retention, onError: (e: unknown) => void, intervalMs = 3_600_000) {
  return new JobLoop(retentionJob, {}, { retention }, { intervalMs, again: () => false, onError });
}
