import { InputError, type FieldIssue } from '../../core/issues.ts';
import { DomainError } from '../errors.ts';

/**
 * The pool cannot take or finish the work now: it is saturated, or the run passed its time limit
 * (and its worker was terminated). The API answers 503 with Retry-After; nothing was stored.
 */
export class WorkUnavailable extends DomainError {
  // Always set here (the base class leaves it optional).
  declare readonly retryAfterSeconds: number;

  constructor(
    readonly reason: 'saturated' | 'time_limit',
    retryAfterSeconds: number,
    message: string,
  ) {
    super('unavailable', message, {
      code: reason === 'saturated' ? 'busy' : 'time_limit',
      retryAfterSeconds,
    });
  }
}

/** The input needed more memory than one run may use: its worker ran out and was replaced. */
export class WorkTooLarge extends DomainError {
  constructor() {
    super('too_large', 'the input needs more memory than one request may use', {
      issues: [
        {
          path: '',
          code: 'too_large',
          message: 'the input needs more memory than one request may use; send a smaller one',
        },
      ],
    });
  }
}

/** How a task's failure crosses from the worker: input errors keep their issues, faults their stack. */
export type TaskFailure =
  { kind: 'input'; code: string; issues: FieldIssue[] } | { kind: 'fault'; message: string };

export function describeFailure(error: unknown): TaskFailure {
  if (error instanceof InputError) return { kind: 'input', code: error.code, issues: error.issues };
  return { kind: 'fault', message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
}

export function failureError(failure: TaskFailure, task: string): Error {
  if (failure.kind === 'input') return new InputError(failure.issues, failure.code);
  return new Error(`task ${task} failed in a worker: ${failure.message}`);
}
