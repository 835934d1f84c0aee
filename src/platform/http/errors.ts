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

export function errorBody(code: string, message: string, issues: FieldIssue[] = []) {
  return { error: { code, message, ...(issues.length ? { issues } : {}) } };
}

/** A request whose client closed the connection before the server had read it (Node says "aborted"). */
function clientWentAway(error: Error, c: Context): boolean {
  if (c.req.raw.signal?.aborted) return true;
  return (error as NodeJS.ErrnoException).code === 'ECONNRESET' && error.message === 'aborted';
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
    if (clientWentAway(error, c)) {
      // Not our fault and nothing to fix: the client closed the connection mid-request (nothing
      // was stored, since bodies are read whole before any write). Nobody reads this reply.
      logger.info({ path: c.req.path, reason: error.message }, 'client closed the request');
      return c.json(errorBody('client_closed', 'the client closed the request'), 400);
    }
    logger.error({ err: error, path: c.req.path }, 'request failed');
    return c.json(errorBody('internal', 'something went wrong on our side; the request was not stored'), 500);
  };
}
