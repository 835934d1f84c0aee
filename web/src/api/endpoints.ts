import { http } from './client.ts';
import type {
  CibRequest,
  CibResult,
  DataLoadInfo,
  DematelRequest,
  DematelResult,
  JourneyMap,
  MicmacRequest,
  MicmacResult,
  SessionInfo,
  TimelinePage,
  StageCounts,
  ApiKeyList,
  CreatedApiKey,
  Account,
  Invitation,
  MemberList,
  Role,
  TotpChallenge,
  TotpEnrolment,
} from './types.ts';
import type { CustomerSearchReply } from '../../../src/capabilities/customers/contract.ts';
import type { RejectsListReply } from '../../../src/capabilities/ingest/contract.ts';
import type { AnswersReport } from '../../../src/capabilities/answers/contract.ts';
import type { FeedbackSearch, TextAnalysis } from '../../../src/capabilities/text/contract.ts';
import type { ThemeGrowthReply } from '../../../src/capabilities/text/contract.ts';
import type { AuditPage, Erasure } from '../../../src/capabilities/privacy/contract.ts';

/** Every API call the dashboard makes, typed; pages call these and never `fetch`. */

export const session = {
  get: (signal?: AbortSignal) => http.get<SessionInfo>('/v1/session', undefined, signal),
  signIn: (key: string) => http.post<SessionInfo>('/v1/session', { key }),
  signOut: () => http.delete<void>('/v1/session'),
  /** A person: email and password; a reply with `totpRequired` asks for the code next. */
  signInWithPassword: (email: string, password: string) =>
    http.post<SessionInfo | TotpChallenge>('/v1/sign-in', { email, password }),
  signInTotp: (challenge: string, code: string) =>
    http.post<SessionInfo>('/v1/sign-in/totp', { challenge, code }),
  signInLink: (token: string) => http.post<SessionInfo>('/v1/sign-in/link', { token }),
  acceptInvitation: (token: string, name: string, password: string) =>
    http.post<SessionInfo>('/v1/invitations/accept', { token, name, password }),
  requestReset: (email: string) => http.post<void>('/v1/password-reset', { email }),
  confirmReset: (token: string, password: string) =>
    http.post<void>('/v1/password-reset/confirm', { token, password }),
};

/** The workspace's members (admins only). */
export const people = {
  list: (signal?: AbortSignal) => http.get<MemberList>('/v1/users', undefined, signal),
  invite: (email: string, role: Role) => http.post<Invitation>('/v1/users/invitations', { email, role }),
  setRole: (id: string, role: Role) => http.patch<void>(`/v1/users/${encodeURIComponent(id)}`, { role }),
  remove: (id: string) => http.delete<void>(`/v1/users/${encodeURIComponent(id)}`),
};

/** The signed-in person's own account. */
export const account = {
  get: (signal?: AbortSignal) => http.get<Account>('/v1/account', undefined, signal),
  changePassword: (current: string, password: string) =>
    http.put<void>('/v1/account/password', { ...(current ? { current } : {}), password }),
  startTotp: () => http.post<TotpEnrolment>('/v1/account/totp', {}),
  confirmTotp: (code: string) => http.post<void>('/v1/account/totp/confirm', { code }),
  disableTotp: (code: string) => http.delete<void>('/v1/account/totp', { code }),
};

/** A background load into the workspace (the demo data set at first start) and its progress. */
export const dataLoad = (signal?: AbortSignal) => http.get<DataLoadInfo>('/v1/data-load', undefined, signal);
/** The workspace's API keys: shown by prefix; a new key's reply is the only place it appears. */
export const keys = {
  list: (signal?: AbortSignal) => http.get<ApiKeyList>('/v1/keys', undefined, signal),
  create: (kind: 'ingest' | 'secret') => http.post<CreatedApiKey>('/v1/keys', { kind }),
  revoke: (id: string) => http.delete<void>(`/v1/keys/${encodeURIComponent(id)}`),
};

export const journey = (signal?: AbortSignal) => http.get<JourneyMap>('/v1/journey', undefined, signal);

export const timeline = (customerId: string, cursor: string | null, signal?: AbortSignal) =>
  http.get<TimelinePage>(
    `/v1/customers/${encodeURIComponent(customerId)}/timeline`,
    { limit: 100, cursor },
    signal,
  );

/** Customers per current stage now (the journey map's counts). */
export const currentStages = (signal?: AbortSignal) =>
  http.get<StageCounts>('/v1/journey/stages/current', undefined, signal);

export type CustomerMatch = CustomerSearchReply['customers'][number];

export const searchCustomers = (q: string, signal?: AbortSignal) =>
  http.get<CustomerSearchReply>('/v1/customers', { q, limit: 20 }, signal);

export type IngestReject = RejectsListReply['rejects'][number];

/** The newest messages the Segment-compatible calls refused (the rest of their batch was stored). */
export const rejects = (limit: number, signal?: AbortSignal) =>
  http.get<RejectsListReply>('/v1/rejects', { limit }, signal);

export type { AnswersReport };
export type AnswersShare = AnswersReport['deflection']['rate'];

/** The self-service report over the last 30 days (docs/answers.md). */
export const answersReport = (signal?: AbortSignal) =>
  http.get<AnswersReport>('/v1/answers/report', {}, signal);
export type AuditEntry = AuditPage['entries'][number];
export type ErasureReport = Erasure;

/** The newest audit entries, optionally of one operation. */
export const auditLog = (limit: number, operation: string | null, signal?: AbortSignal) =>
  http.get<AuditPage>('/v1/audit', { limit, operation }, signal);

export const structural = {
  micmac: (input: MicmacRequest, signal?: AbortSignal) =>
    http.post<MicmacResult>('/v1/analyze/micmac', input, signal),
  dematel: (input: DematelRequest, signal?: AbortSignal) =>
    http.post<DematelResult>('/v1/analyze/dematel', input, signal),
  cib: (input: CibRequest, signal?: AbortSignal) => http.post<CibResult>('/v1/analyze/cib', input, signal),
};

/** What customers wrote: sentiment split and themes in a window (and at one touchpoint). */
export const textAnalysis = (
  query: { from: string; to: string; touchpoint?: string },
  signal?: AbortSignal,
) => http.get<TextAnalysis>('/v1/analyze/text', query, signal);
/** New and growing themes: the window against the period of the same length before it. */
export const themeGrowth = (query: { from: string; to: string }, signal?: AbortSignal) =>
  http.get<ThemeGrowthReply>('/v1/text/themes/growth', query, signal);
/** Comment search with its filters. */
export const searchComments = (query: Record<string, string | number>, signal?: AbortSignal) =>
  http.get<FeedbackSearch>('/v1/feedback', query, signal);
