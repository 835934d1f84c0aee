import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Logger } from 'pino';
import { InputError, type FieldIssue } from '../../core/issues.ts';
import { WorkTooLarge, WorkUnavailable } from '../workers/errors.ts';

/** An error with its HTTP status and machine-readable code; everything the API refuses is one. */
export class ApiError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429 | 503,
    readonly code: string,
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
  }
}

/**
 * `error.code`/`error.message` are ours; the same code and message also sit at the top, where the
 * Segment and RudderStack Python SDKs read them (without them they fail on the reply and retry a
 * 4xx forever).
 */
export function errorBody(code: string, message: string, issues: FieldIssue[] = []) {
  return { code, message, error: { code, message, ...(issues.length ? { issues } : {}) } };
}

/** The one place errors become replies: 4xx with code and field paths, 5xx only for our own faults. */
export function onError(logger: Logger) {
  return (error: Error, c: Context) => {
    if (error instanceof ApiError)
      return c.json(errorBody(error.code, error.message, error.issues), error.status);
    if (error instanceof InputError) {
      const status = error.code === 'would_orphan' ? 409 : 400;
      return c.json(errorBody(error.code, 'the request is not valid', error.issues), status);
    }
    if (error instanceof WorkUnavailable) {
      const code = error.reason === 'saturated' ? 'busy' : 'time_limit';
      return c.json(errorBody(code, error.message), 503, { 'Retry-After': String(error.retryAfterSeconds) });
    }
    if (error instanceof WorkTooLarge)
      return c.json(errorBody('too_large', error.message, error.issues), 413);
    if (error instanceof HTTPException && error.status < 500) {
      return c.json(errorBody('bad_request', error.message), error.status);
    }
    logger.error({ err: error, path: c.req.path }, 'request failed');
    return c.json(errorBody('internal', 'something went wrong on our side; the request was not stored'), 500);
  };
}
