import { createHash } from 'node:crypto';

/** A stable id from what caused it, so an event delivered twice starts one run. */
export function runId(workspaceId: string, workflowId: string, cause: string): string {
  return (
    'run_' +
    createHash('sha256').update(`${workspaceId}\n${workflowId}\n${cause}`).digest('base64url').slice(0, 22)
  );
}

/** The idempotency key of a run's side effect at one visit: the send log, Message-ID and webhook-id carry it. */
export const effectKey = (run: string, visit: number) => `wf:${run}:${visit}`;
