import { z } from 'zod';
import type { Dispatcher, DispatchReport } from './dispatcher.ts';
import { defineJob, JobLoop } from '../../platform/jobs/job.ts';

/** The survey delivery job: send (or delay, or skip) invitations that have fallen due. */
export const dispatchInvitationsJob = defineJob({
  name: 'surveys.dispatch-invitations',
  schema: z.strictObject({ limit: z.number().int().min(1).max(5000).optional() }),
  handler: (input, context: { dispatcher: Dispatcher }): Promise<DispatchReport> =>
    context.dispatcher.runOnce(input.limit),
});

/** The loop that keeps invitations flowing in a server process. */
export function dispatchLoop(
  dispatcher: Dispatcher,
  options: { pollMs: number; batchSize: number; onError: (e: unknown) => void },
) {
  return new JobLoop(
    dispatchInvitationsJob,
    { limit: options.batchSize },
    { dispatcher },
    {
      intervalMs: options.pollMs,
      again: (report) => report.claimed >= options.batchSize,
      onError: options.onError,
    },
  );
}
