import type { Role } from './principal.ts';

/**
 * What an operation needs:
 * - `public`: nobody signs in (sign-in itself, one-time links, the survey pages);
 * - `ingest`: an ingest key, or a person or secret key of at least the analyst role (who imports data);
 * - a role: the least role that may call it (roles are ordered viewer < agent < analyst < admin).
 */
export type Access = 'public' | 'ingest' | Role;

/**
 * THE table of who may do what, by operation (method and OpenAPI path). Every route of the API is
 * listed; `tests/role-matrix.test.ts` walks every operation of /openapi.json for every role and
 * fails on one that is not listed here, so a new route must be classified before it ships.
 * An operation missing here needs `admin` at run time (closed by default).
 *
 * The roles (issue #16): viewer reads aggregates only, no customer-level data; agent adds
 * customers and their timelines, no exports; analyst adds everything else that reads, the
 * analyses, imports and journey and survey edits; admin adds users, keys and settings.
 */
export const OPERATION_ACCESS: Record<string, Access> = {
  // ingest: machines with the ingest key, people who import data
  'POST /v1/events': 'ingest',
  'POST /v1/feedback': 'ingest',
  'POST /v1/identify': 'ingest',
  'POST /v1/track': 'ingest',
  'POST /v1/page': 'ingest',
  'POST /v1/screen': 'ingest',
  'POST /v1/group': 'ingest',
  'POST /v1/alias': 'ingest',
  'POST /v1/batch': 'ingest',
  'POST /v1/import': 'ingest',
  'POST /v1/sdk/events': 'ingest',
  'POST /v1/sdk/identify': 'ingest',
  'GET /v1/sdk/invitations': 'ingest',
  // the rejects log holds customer-level messages as they arrived: an analyst's tool
  'GET /v1/rejects': 'analyst',
  'GET /v1/rejects/{id}': 'analyst',
  'POST /v1/rejects/replay': 'analyst',
  // aggregates: everyone
  'GET /v1/session': 'viewer',
  'GET /v1/data-load': 'viewer',
  'GET /v1/journey': 'viewer',
  'GET /v1/journey/stages/current': 'viewer',
  'GET /v1/analytics/scores': 'viewer',
  'GET /v1/analytics/compare': 'viewer',
  'GET /v1/analytics/funnel': 'viewer',
  'GET /v1/analytics/journey-time': 'viewer',
  'GET /v1/analytics/retention': 'viewer',
  'GET /v1/analytics/pain-points': 'viewer',
  'GET /v1/surveys': 'viewer',
  'GET /v1/surveys/{id}': 'viewer',
  'GET /v1/surveys/{id}/results': 'viewer',
  'GET /v1/contact-policy': 'viewer',
  // customer-level data: agents and up
  'GET /v1/customers': 'agent',
  'GET /v1/customers/{id}/timeline': 'agent',
  'GET /v1/touchpoints/{id}/feedback': 'agent',
  'GET /v1/invitations/{id}': 'agent',
  'POST /v1/customers/{id}/unsubscribe': 'agent',
  // analyses, edits of the journey and the surveys, the decision log
  'PUT /v1/journey': 'analyst',
  'POST /v1/analyze/micmac': 'analyst',
  'POST /v1/analyze/dematel': 'analyst',
  'POST /v1/analyze/cib': 'analyst',
  'POST /v1/analyze/drivers': 'analyst',
  'POST /v1/analyze/cross-impact': 'analyst',
  'POST /v1/analyze/what-if': 'analyst',
  'PUT /v1/surveys/{id}': 'analyst',
  'POST /v1/surveys/{id}/invitations': 'analyst',
  'POST /v1/invitations/{id}/answers': 'analyst',
  'PUT /v1/contact-policy': 'analyst',
  'GET /v1/contact-policy/decisions': 'analyst',
  // keys, users and secrets: admins
  'GET /v1/keys': 'admin',
  'POST /v1/keys': 'admin',
  'DELETE /v1/keys/{id}': 'admin',
  'GET /v1/identity-verification': 'admin',
  'GET /v1/users': 'admin',
  'POST /v1/users/invitations': 'admin',
  'PATCH /v1/users/{id}': 'admin',
  'DELETE /v1/users/{id}': 'admin',
  // a person's own account: whoever is signed in as a user
  'GET /v1/account': 'viewer',
  'PUT /v1/account/password': 'viewer',
  'POST /v1/account/totp': 'viewer',
  'POST /v1/account/totp/confirm': 'viewer',
  'DELETE /v1/account/totp': 'viewer',
  // signing in and out, one-time links
  'POST /v1/session': 'public',
  'DELETE /v1/session': 'public',
  'POST /v1/sign-in': 'public',
  'POST /v1/sign-in/totp': 'public',
  'POST /v1/sign-in/link': 'public',
  'POST /v1/password-reset': 'public',
  'POST /v1/password-reset/confirm': 'public',
  'POST /v1/invitations/accept': 'public',
};

/** `METHOD /path/{param}` from a method and a path in either OpenAPI (`{id}`) or router (`:id`) form. */
export function operationOf(method: string, path: string): string {
  return `${method.toUpperCase()} ${path.replace(/:([A-Za-z0-9_]+)(\{[^}]*\})?/g, '{$1}')}`;
}

/** What an operation needs; one not in the table needs an admin. */
export function accessOf(operation: string): Access {
  return OPERATION_ACCESS[operation] ?? 'admin';
}

export function isClassified(operation: string): boolean {
  return Object.hasOwn(OPERATION_ACCESS, operation);
}
