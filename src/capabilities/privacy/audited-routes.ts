import type { Services } from '../graph.ts';

/** One route whose successful calls the audit log records (see audit-middleware.ts). */
export interface AuditedRoute {
  method: 'POST' | 'PUT' | 'DELETE';
  path: RegExp;
  operation: string;
  /** What it acted on, from the path's captures and (after the call) its reply. */
  target: (
    captures: string[],
    reply: () => Promise<unknown>,
    services: Services,
    workspaceId: string,
  ) => Promise<string | null>;
  /** Configuration: its state, read before and after the call for the entry's diff. */
  snapshot?: (services: Services, workspaceId: string, captures: string[]) => Promise<unknown>;
}

const fixed = (target: string | null) => () => Promise.resolve(target);

/**
 * Every route that changes configuration or access, in one list: a new such route adds its line
 * here (tests/privacy-audit.test.ts checks that each listed route is recorded). Data routes
 * (ingest, answers) are not audited: they are the data, not changes to how cxloop treats it.
 * Erasure and export are recorded by the privacy service itself, in their own transaction, so
 * that the CLI on the database file records them too.
 */
export const AUDITED_ROUTES: AuditedRoute[] = [
  {
    method: 'PUT',
    path: /^\/v1\/journey$/,
    operation: 'journey.replace',
    target: fixed('journey'),
    snapshot: (s, ws) => s.store.getJourney(ws),
  },
  {
    method: 'PUT',
    path: /^\/v1\/surveys\/([^/]+)$/,
    operation: 'survey.save',
    target: ([id]) => Promise.resolve(`survey:${id}`),
    snapshot: (s, ws, [id]) => s.surveys.definitions.get(ws, id!),
  },
  {
    method: 'PUT',
    path: /^\/v1\/contact-policy$/,
    operation: 'contact-policy.replace',
    target: fixed('contact-policy'),
    snapshot: (s, ws) => s.surveys.policies.get(ws),
  },
  {
    method: 'PUT',
    path: /^\/v1\/retention$/,
    operation: 'retention.replace',
    target: fixed('retention'),
    snapshot: (s, ws) => s.privacy.retention.get(ws),
  },
  {
    method: 'POST',
    path: /^\/v1\/keys$/,
    operation: 'key.create',
    target: async (_, reply) => {
      const body = (await reply()) as { id?: unknown; kind?: unknown };
      return typeof body.id === 'string' ? `key:${body.id}` : null;
    },
  },
  {
    method: 'DELETE',
    path: /^\/v1\/keys\/([^/]+)$/,
    operation: 'key.revoke',
    target: ([id]) => Promise.resolve(`key:${id}`),
  },
  {
    method: 'POST',
    path: /^\/v1\/rejects\/replay$/,
    operation: 'rejects.replay',
    target: fixed(null),
  },
  {
    method: 'POST',
    path: /^\/v1\/customers\/([^/]+)\/unsubscribe$/,
    operation: 'customer.unsubscribe',
    target: ([id], _, s, ws) => s.privacy.customerTarget(ws, decodeURIComponent(id!)),
  },
];
