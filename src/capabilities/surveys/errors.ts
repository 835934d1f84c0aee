/** Why a survey request was refused; the API maps each kind to its HTTP status. */
export type SurveyErrorKind =
  'invalid_token' | 'token_expired' | 'wrong_workspace' | 'not_found' | 'already_answered' | 'closed';

export class SurveyError extends Error {
  constructor(
    readonly kind: SurveyErrorKind,
    message: string,
  ) {
    super(message);
  }
}
