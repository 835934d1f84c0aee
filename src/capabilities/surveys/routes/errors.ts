import type { Context, Handler } from 'hono';
import { SurveyError, type SurveyErrorKind } from '../errors.ts';
import type { AppEnv } from '../../http-env.ts';
import { ApiError } from '../../../platform/http/errors.ts';

const STATUS: Record<SurveyErrorKind, ApiError['status']> = {
  invalid_token: 401,
  token_expired: 403,
  wrong_workspace: 403,
  not_found: 404,
  already_answered: 409,
  closed: 409,
};

export function toApiError(error: unknown): unknown {
  return error instanceof SurveyError ? new ApiError(STATUS[error.kind], error.kind, error.message) : error;
}

/** Runs a handler and hands survey errors to the app's one error mapper as API errors. */
export function handle<P extends string>(
  fn: (c: Context<AppEnv, P>) => Promise<Response>,
): Handler<AppEnv, P> {
  return async (c) => {
    try {
      return await fn(c);
    } catch (error) {
      throw toApiError(error);
    }
  };
}
