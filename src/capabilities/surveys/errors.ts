import { DomainError, type ErrorKind } from '../../platform/errors.ts';

/** Why a survey request was refused: the code a reply carries, and the kind that decides its status. */
const KINDS = {
  invalid_token: 'unauthorized',
  token_expired: 'forbidden',
  wrong_workspace: 'forbidden',
  not_found: 'not_found',
  already_answered: 'conflict',
  closed: 'conflict',
} as const satisfies Record<string, ErrorKind>;
export type SurveyErrorCode = keyof typeof KINDS;

export function surveyError(code: SurveyErrorCode, message: string): DomainError {
  return new DomainError(KINDS[code], message, { code });
}

/** The survey refusal an error is, if it is one (the hosted pages answer each with its own page). */
export function surveyErrorCode(error: unknown): SurveyErrorCode | undefined {
  return error instanceof DomainError && Object.hasOwn(KINDS, error.code)
    ? (error.code as SurveyErrorCode)
    : undefined;
}
