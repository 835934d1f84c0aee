import type { SqlStatement, SqlValue, StoreCapabilities } from '../store/port.ts';

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

/** One stored job as the runner and its callers see it. */
export interface JobRecord {
  workspaceId: string;
  id: string;
  name: string;
  /** The input as enqueued (validated then), as JSON text. */
  payload: string;
  idempotencyKey: string | null;
  status: JobStatus;
  runAt: number;
  attempts: number;
  maxAttempts: number;
  leaseUntil: number | null;
  lastError: string | null;
  createdAt: number;
  finishedAt: number | null;
}

/** The columns every read of a job returns; the payload as text, whatever the dialect stores. */
export const JOB_COLUMNS = `workspace_id, id, name, CAST(payload AS VARCHAR) AS payload, idempotency_key,
  status, run_at, attempts, max_attempts, lease_until, last_error, created_at, finished_at`;

const text = (row: Record<string, unknown>, column: string): string => {
  const value = row[column];
  if (typeof value !== 'string') throw new Error(`jobs.${column}: expected text, got ${typeof value}`);
  return value;
};
const number = (row: Record<string, unknown>, column: string): number => {
  const value = row[column];
  if (typeof value !== 'number') throw new Error(`jobs.${column}: expected a number, got ${typeof value}`);
  return value;
};
const optional = <T>(read: (row: Record<string, unknown>, column: string) => T) => {
  return (row: Record<string, unknown>, column: string): T | null =>
    row[column] === null || row[column] === undefined ? null : read(row, column);
};
const STATUSES: readonly JobStatus[] = ['queued', 'running', 'done', 'failed'];

/** Decodes a row read with JOB_COLUMNS (times are epoch ms from either store). */
export function toJob(row: Record<string, unknown>): JobRecord {
  const status = STATUSES.find((s) => s === row.status);
  if (!status) throw new Error(`jobs.status: unknown status ${String(row.status)}`);
  return {
    workspaceId: text(row, 'workspace_id'),
    id: text(row, 'id'),
    name: text(row, 'name'),
    payload: text(row, 'payload'),
    idempotencyKey: optional(text)(row, 'idempotency_key'),
    status,
    runAt: number(row, 'run_at'),
    attempts: number(row, 'attempts'),
    maxAttempts: number(row, 'max_attempts'),
    leaseUntil: optional(number)(row, 'lease_until'),
    lastError: optional(text)(row, 'last_error'),
    createdAt: number(row, 'created_at'),
    finishedAt: optional(number)(row, 'finished_at'),
  };
}

export interface NewJob {
  id: string;
  name: string;
  payload: string;
  key: string | null;
  runAt: number;
  maxAttempts: number;
}

/** Stores a job unless the workspace already has one with its idempotency key. */
export function insertJob(workspaceId: string, job: NewJob, now: number): SqlStatement {
  return {
    sql: `INSERT INTO jobs VALUES ($1, $2, $3, $4, $5, 'queued', $6, 0, $7, NULL, NULL, $8, NULL)
          ON CONFLICT DO NOTHING RETURNING id`,
    params: [
      workspaceId,
      job.id,
      job.name,
      job.payload,
      job.key,
      new Date(job.runAt),
      job.maxAttempts,
      new Date(now),
    ],
  };
}

/**
 * Claims up to `limit` due jobs of the given names, and running ones whose lease lapsed (their
 * process died), oldest first; each claim counts as an attempt, so a job that kills its process
 * every time still runs out of attempts. With several writer processes (PostgreSQL) the rows are
 * locked as they are picked and rows another claim holds are passed over, so no two runners
 * ever hold the same job.
 */
export function claimJobs(
  capabilities: StoreCapabilities,
  names: string[],
  now: number,
  leaseUntil: number,
  limit: number,
): SqlStatement {
  const lock = capabilities.multiProcessWriters ? 'FOR UPDATE SKIP LOCKED' : '';
  const list = names.map((_, i) => `$${i + 4}`).join(', ');
  return {
    sql: `UPDATE jobs SET status = 'running', attempts = attempts + 1, lease_until = $2
          WHERE (workspace_id, id) IN (
            SELECT workspace_id, id FROM jobs
            WHERE name IN (${list})
              AND ((status = 'queued' AND run_at <= $1) OR (status = 'running' AND lease_until <= $1))
            ORDER BY run_at, id LIMIT $3 ${lock})
          RETURNING ${JOB_COLUMNS}`,
    params: [new Date(now), new Date(leaseUntil), limit, ...names],
  };
}

/** What became of one run of a job. */
export type JobOutcome =
  | { status: 'done' }
  | { status: 'queued'; runAt: number; error: string }
  | { status: 'failed'; error: string };

/**
 * Writes a run's outcome, only while this run still holds the job (same attempt, still
 * running): a run that outlived its lease must not overwrite the run that took the job over.
 */
export function finishJob(job: JobRecord, outcome: JobOutcome, now: number): SqlStatement {
  const params: SqlValue[] = [job.workspaceId, job.id, job.attempts];
  const holds = `workspace_id = $1 AND id = $2 AND attempts = $3 AND status = 'running'`;
  if (outcome.status === 'done')
    return {
      sql: `UPDATE jobs SET status = 'done', finished_at = $4, lease_until = NULL, last_error = NULL
            WHERE ${holds}`,
      params: [...params, new Date(now)],
    };
  if (outcome.status === 'queued')
    return {
      sql: `UPDATE jobs SET status = 'queued', run_at = $4, lease_until = NULL, last_error = $5 WHERE ${holds}`,
      params: [...params, new Date(outcome.runAt), outcome.error],
    };
  return {
    sql: `UPDATE jobs SET status = 'failed', finished_at = $4, lease_until = NULL, last_error = $5
          WHERE ${holds}`,
    params: [...params, new Date(now), outcome.error],
  };
}
