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
  // text: aggregates for everyone, comments (customer-level) for agents, theme edits for analysts
  'GET /v1/analyze/text': 'viewer',
  'GET /v1/text/themes': 'viewer',
  'GET /v1/text/themes/growth': 'viewer',
  'GET /v1/text/model': 'viewer',
  'GET /v1/feedback': 'agent',
  'PUT /v1/text/themes/{id}': 'analyst',
  'DELETE /v1/text/themes/{id}': 'analyst',
  'POST /v1/text/sentiment': 'analyst',
  // workflows: definitions and results for everyone, runs and decisions (per customer) for agents
  'GET /v1/workflows': 'viewer',
  'GET /v1/workflows/{id}': 'viewer',
  'GET /v1/workflows/{id}/results': 'viewer',
  'GET /v1/workflows/log': 'agent',
  'GET /v1/workflows/{id}/runs': 'agent',
  'GET /v1/customers/{id}/consent': 'agent',
  'PUT /v1/customers/{id}/consent': 'agent',
  'PUT /v1/workflows/{id}': 'analyst',
  'POST /v1/workflows/validate': 'analyst',
  'POST /v1/workflows/{id}/dry-run': 'analyst',
  // recommendations: the pairs are aggregates; one customer's list is customer-level
  'GET /v1/recommendations/pairs': 'viewer',
  'GET /v1/recommendations': 'agent',
  // self-service answers: the widget holds the ingest key; the knowledge base is an analyst's edit
  'POST /v1/sdk/answers/ask': 'ingest',
  'POST /v1/sdk/answers/vote': 'ingest',
  'POST /v1/sdk/answers/handoff': 'ingest',
  'POST /v1/sdk/answers/ces': 'ingest',
  'GET /v1/answers/articles': 'viewer',
  'GET /v1/answers/articles/{id}': 'viewer',
  'GET /v1/answers/report': 'viewer',
  'PUT /v1/answers': 'analyst',
  // workshops: participants join by link (no account); facilitators are analysts
  'GET /v1/workshop-join/{token}': 'public',
  'POST /v1/workshop-join/{token}': 'public',
  'GET /v1/participant': 'public',
  'PUT /v1/participant/judgements': 'public',
  'GET /v1/workshops': 'viewer',
  'GET /v1/workshops/{id}': 'viewer',
  'GET /v1/workshops/{id}/report': 'viewer',
  'POST /v1/workshops': 'analyst',
  'POST /v1/workshops/{id}/link': 'analyst',
  'POST /v1/workshops/{id}/actions': 'analyst',
  // privacy: the audit log, data subject requests and retention are admins' (issue #16)
  'GET /v1/audit': 'admin',
  'GET /v1/customers/{id}/export': 'admin',
  'DELETE /v1/customers/{id}': 'admin',
  'GET /v1/retention': 'admin',
  'PUT /v1/retention': 'admin',
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

const TEMPLATES = Object.keys(OPERATION_ACCESS).map((op) => {
  const [method, path] = op.split(' ') as [string, string];
  const params = (path.match(/\{[^}]+\}/g) ?? []).length;
  const pattern = new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`);
  return { op, method, pattern, params };
});

/**
 * The operation of a concrete request path (`/v1/surveys/s1`), for a check made by middleware
 * mounted on a wildcard, where the router has not matched the route yet. A literal segment wins
 * over a parameter (`/v1/workflows/log` before `/v1/workflows/{id}`); null when none matches.
 */
export function operationOfRequest(method: string, path: string): string | null {
  const upper = method.toUpperCase();
  const hits = TEMPLATES.filter((t) => t.method === upper && t.pattern.test(path));
  hits.sort((a, b) => a.params - b.params);
  return hits[0]?.op ?? null;
}

/** What an operation needs; one not in the table needs an admin. */
export function accessOf(operation: string): Access {
  return OPERATION_ACCESS[operation] ?? 'admin';
}

export function isClassified(operation: string): boolean {
  return Object.hasOwn(OPERATION_ACCESS, operation);
}
