import { z } from 'zod';
import { defineJob, JobLoop } from '../../platform/jobs/job.ts';
import type { Store } from '../../platform/store/port.ts';
import { BACKFILL_BATCH, backfillStep } from './comments.ts';
import { refreshDiscovered } from './themes.ts';
import { retrainIfDue } from './workspace-model.ts';

/**
 * `text.backfill`: reads the comments stored before the text capability existed, or scored by an
 * older model, a batch per workspace per run; once a workspace is caught up, discovers its themes
 * and retrains its model when its comments have grown by a fifth.
 * Idempotent beside the subscriber: both skip a comment the current model has read.
 */
export const backfillJob = defineJob({
  name: 'text.backfill',
  schema: z.object({ workspaceId: z.string().optional() }),
  handler: async (input, context: { store: Store; now: () => number }) => {
    const workspaces = input.workspaceId
      ? [input.workspaceId]
      : (await context.store.listWorkspaces()).map((w) => w.id);
    let read = 0;
    let more = false;
    for (const id of workspaces) {
      const n = await backfillStep(context.store, id, context.now());
      read += n;
      if (n === BACKFILL_BATCH) more = true;
      else {
        await refreshDiscovered(context.store, id, context.now());
        await retrainIfDue(context.store, id, context.now());
      }
    }
    return { read, more };
  },
});

/** Runs the backfill in a server: at once, again while batches come back full, then every minute. */
export function startBackfill(store: Store, now: () => number, onError: (error: unknown) => void) {
  return new JobLoop(
    backfillJob,
    {},
    { store, now },
    { intervalMs: 60_000, again: (r) => r.more, onError },
  ).start();
}
