import { InputError, type FieldIssue } from '../core/issues.ts';

/**
 * What kind of refusal an error is. The kind, not the class, decides what the caller hears: the
 * HTTP API maps it to a status once (platform/http/errors.ts) and the CLI to an exit code once
 * (capabilities/cli-kit.ts), so a service throws the same error whichever of them called it.
 */
export type ErrorKind =
  /** The input cannot be used: a field is wrong (the issues say which). */
  | 'invalid'
  /** No credentials, or unknown ones. */
  | 'unauthorized'
  /** Known credentials that may not do this. */
  | 'forbidden'
  | 'not_found'
  /** The input is fine but the stored state refuses it (already answered, would orphan data). */
  | 'conflict'
  | 'too_large'
  /** The body is in an encoding or media type we do not read (415). */
  | 'unsupported_media'
  | 'rate_limited'
  /** Something we depend on is down or unreachable; trying again later may work. */
  | 'unavailable'
  /** The embedded database file is held by another process (one writer at a time). */
  | 'locked';

export interface DomainErrorOptions {
  /** Machine-readable reason within the kind (`session_expired`, `would_orphan`); the kind when not given. */
  code?: string;
  /** Every problem with the input, by field path. */
  issues?: FieldIssue[];
  cause?: unknown;
  /** For 'unavailable' and 'rate_limited': when trying again may work (the API's Retry-After). */
  retryAfterSeconds?: number;
}

/** Everything cxloop refuses on purpose is one of these; anything else is our own fault (a 500). */
export class DomainError extends Error {
  readonly code: string;
  readonly issues: FieldIssue[];
  readonly retryAfterSeconds: number | undefined;

  constructor(
    readonly kind: ErrorKind,
    message: string,
    options: DomainErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = options.code ?? kind;
    this.issues = options.issues ?? [];
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

/**
 * The error as a DomainError, or undefined for an unexpected one. core cannot import platform, so
 * its validation failures are InputErrors (the field-path carrier): they are the kind 'invalid'.
 */
export function asDomainError(error: unknown): DomainError | undefined {
  if (error instanceof DomainError) return error;
  if (error instanceof InputError)
    return new DomainError('invalid', 'the request is not valid', { code: error.code, issues: error.issues });
  return undefined;
}
