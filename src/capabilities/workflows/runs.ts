import { z } from 'zod';
import type { SqlStatement } from '../../platform/store/port.ts';
import { bool, epochMs, json, nullable, num, row, text, type Decoded } from '../../platform/store/rows.ts';

export const ADVANCE_JOB = 'workflows.advance';

/** A run's next move, as a job: `resume` says how a wait ended (its awaited event, or its deadline). */
export const advanceInput = z.strictObject({
  runId: z.string().min(1),
  visit: z.number().int().min(0),
  resume: z.enum(['step', 'event', 'timeout']).default('step'),
});
export type AdvanceInput = z.infer<typeof advanceInput>;

/** How many times a run's move is tried before its step is recorded as failed and the run goes on. */
export const ADVANCE_RETRY = { maxAttempts: 5, baseMs: 30_000, maxMs: 3_600_000 };

/** Ended runs never move again. */
export const ENDED = ['completed', 'exited', 'goal', 'holdout', 'failed'] as const;
export type RunStatus = 'active' | 'waiting' | (typeof ENDED)[number];

export const RUN_COLUMNS = `id, workflow_id, version, customer_id, trigger_event_id, context::VARCHAR AS context, holdout,
  status, step_id, visit, awaiting, wake_at, entered_at, ended_at, converted_at`;

export const runRow = row({
  id: text,
  workflow_id: text,
  version: num,
  customer_id: text,
  trigger_event_id: text,
  context: json,
  holdout: bool,
  status: text,
  step_id: nullable(text),
  visit: num,
  awaiting: nullable(text),
  wake_at: nullable(epochMs),
  entered_at: epochMs,
  ended_at: nullable(epochMs),
  converted_at: nullable(epochMs),
});
export type RunRow = Decoded<typeof runRow>;

export const contextOf = (r: RunRow): Record<string, unknown> =>
  r.context !== null && typeof r.context === 'object' && !Array.isArray(r.context)
    ? (r.context as Record<string, unknown>)
    : {};

export interface LogEntry {
  visit: number;
  stepId: string;
  outcome: string;
  detail: string | null;
  purpose?: string | null;
}

export interface NewJob {
  key: string;
  runAt: number;
  input: AdvanceInput;
}

/** `WHERE` the run carries this move's claim: what a move writes beside its update depends on it. */
const CLAIMED =
  'EXISTS (SELECT 1 FROM workflow_runs r WHERE r.workspace_id = $1 AND r.id = $2 AND r.claim = $3)';

export function logStatement(
  workspaceId: string,
  run: { id: string; workflowId: string; customerId: string },
  entry: LogEntry,
  at: number,
  claim: string | null,
): SqlStatement {
  const values = `$1::VARCHAR, $2::VARCHAR, $4::VARCHAR, $5::VARCHAR, $6::INTEGER, $7::VARCHAR, $8::VARCHAR, $9::VARCHAR, $10::VARCHAR, $11::TIMESTAMP`;
  return {
    sql: `INSERT INTO workflow_log SELECT ${values} WHERE ${claim === null ? '$3::VARCHAR IS NULL' : CLAIMED}
          ON CONFLICT DO NOTHING`,
    params: [
      workspaceId,
      run.id,
      claim,
      run.workflowId,
      run.customerId,
      entry.visit,
      entry.stepId,
      entry.outcome,
      entry.detail,
      entry.purpose ?? null,
      new Date(at),
    ],
  };
}

/** Stores the run's next job, keyed by run and visit so a repeated move stores it once. */
export function jobStatement(
  workspaceId: string,
  runId: string,
  job: NewJob,
  now: number,
  claim: string | null,
  id: string,
): SqlStatement {
  return {
    sql: `INSERT INTO jobs SELECT $1::VARCHAR, $4::VARCHAR, '${ADVANCE_JOB}', $5::JSON, $6::VARCHAR, 'queued', $7::TIMESTAMP, 0,
            ${ADVANCE_RETRY.maxAttempts}, NULL, NULL, $8::TIMESTAMP, NULL
          WHERE ${claim === null ? '$2::VARCHAR IS NOT NULL AND $3::VARCHAR IS NULL' : CLAIMED}
          ON CONFLICT DO NOTHING`,
    params: [
      workspaceId,
      runId,
      claim,
      id,
      JSON.stringify(job.input),
      job.key,
      new Date(job.runAt),
      new Date(now),
    ],
  };
}

export interface Target {
  stepId: string | null;
  status: RunStatus;
  awaiting: string | null;
  wakeAt: number | null;
}

/** Moves a run from `visit` to the next, only if no other move took it first. */
export function moveStatement(
  workspaceId: string,
  runId: string,
  visit: number,
  claim: string,
  target: Target,
  now: number,
): SqlStatement {
  const ended = (ENDED as readonly string[]).includes(target.status);
  return {
    sql: `UPDATE workflow_runs SET visit = $3 + 1, step_id = $4, status = $5, awaiting = $6, wake_at = $7,
            updated_at = $8, ended_at = $9, claim = $10
          WHERE workspace_id = $1 AND id = $2 AND visit = $3`,
    params: [
      workspaceId,
      runId,
      visit,
      target.stepId,
      target.status,
      target.awaiting,
      target.wakeAt === null ? null : new Date(target.wakeAt),
      new Date(now),
      ended ? new Date(now) : null,
      claim,
    ],
  };
}
