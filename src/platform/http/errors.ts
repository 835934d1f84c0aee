import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Logger } from 'pino';
import type { FieldIssue } from '../../core/issues.ts';
import { asDomainError, type DomainError, type ErrorKind } from '../errors.ts';

/** The one table from what went wrong to the HTTP status; the CLI has its own in cli-kit.ts. */
const STATUS: Record<ErrorKind, ContentfulStatusCode> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unsupported_media: 415,
  rate_limited: 429,
  unavailable: 503,
  locked: 503,
};

/**
 * `error.code`/`error.message` are ours; the same code and message also sit at the top, where the
 * Segment and RudderStack Python SDKs read them (without them they fail on the reply and retry a
 * 4xx forever).
 */
export function errorBody(code: string, message: string, issues: FieldIssue[] = []) {
  return { code, message, error: { code, message, ...(issues.length ? { issues } : {}) } };
}

/** A refusal as a reply: the kind's status, the code, the message, the field paths and Retry-After. */
export function errorReply(c: Context, error: DomainError) {
  const headers =
    error.retryAfterSeconds === undefined ? undefined : { 'Retry-After': String(error.retryAfterSeconds) };
  return c.json(errorBody(error.code, error.message, error.issues), STATUS[error.kind], headers);
}

/** A request whose client closed the connection before the server had read it (Node says "aborted"). */
function clientWentAway(error: Error, c: Context): boolean {
  if (c.req.raw.signal?.aborted) return true;
  return (error as NodeJS.ErrnoException).code === 'ECONNRESET' && error.message === 'aborted';
}

/** The one place errors become replies: 4xx with code and field paths, 5xx only for our own faults. */
export function onError(logger: Logger) {
  return (error: Error, c: Context) => {
    const known = asDomainError(error);
    if (known) return errorReply(c, known);
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
