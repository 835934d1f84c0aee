import type { Services } from '../graph.ts';
import {
  consentSnapshot,
  knowledgeBaseSnapshot,
  membershipSnapshot,
  themeSnapshot,
} from './audit-snapshots.ts';

/** One route whose successful calls the audit log records (see audit-middleware.ts). */
export interface AuditedRoute {
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
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
/** `kind:id` from the path's first capture (ids arrive URL-encoded). */
const captured =
  (kind: string) =>
  ([id]: string[]) =>
    Promise.resolve(`${kind}:${decodeURIComponent(id!)}`);
const id = (captures: string[]) => decodeURIComponent(captures[0]!);

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
    method: 'PUT',
    path: /^\/v1\/workflows\/([^/]+)$/,
    operation: 'workflow.save',
    target: captured('workflow'),
    snapshot: (s, ws, c) => s.workflows.definitions.get(ws, id(c)),
  },
  {
    method: 'PUT',
    path: /^\/v1\/answers$/,
    operation: 'knowledge-base.replace',
    target: fixed('knowledge-base'),
    snapshot: knowledgeBaseSnapshot,
  },
  {
    method: 'PUT',
    path: /^\/v1\/text\/themes\/([^/]+)$/,
    operation: 'text-theme.save',
    target: captured('theme'),
    snapshot: (s, ws, c) => themeSnapshot(s, ws, id(c)),
  },
  {
    method: 'DELETE',
    path: /^\/v1\/text\/themes\/([^/]+)$/,
    operation: 'text-theme.delete',
    target: captured('theme'),
    snapshot: (s, ws, c) => themeSnapshot(s, ws, id(c)),
  },
  {
    method: 'POST',
    path: /^\/v1\/users\/invitations$/,
    operation: 'user.invite',
    // The invited email and role; never the reply's link (a credential until it is used).
    target: async (_, reply) => {
      const body = (await reply()) as { email?: unknown; role?: unknown };
      return typeof body.email === 'string' ? `invitation:${body.email} as ${String(body.role)}` : null;
    },
  },
  {
    method: 'PATCH',
    path: /^\/v1\/users\/([^/]+)$/,
    operation: 'user.role',
    target: captured('user'),
    snapshot: (s, ws, c) => membershipSnapshot(s, ws, id(c)),
  },
  {
    method: 'DELETE',
    path: /^\/v1\/users\/([^/]+)$/,
    operation: 'user.remove',
    target: captured('user'),
    snapshot: (s, ws, c) => membershipSnapshot(s, ws, id(c)),
  },
  {
    method: 'PUT',
    path: /^\/v1\/customers\/([^/]+)\/consent$/,
    operation: 'customer.consent',
    target: (c, _, s, ws) => s.privacy.customerTarget(ws, id(c)),
    snapshot: (s, ws, c) => consentSnapshot(s, ws, id(c)),
  },
  {
    method: 'POST',
    path: /^\/v1\/workshops$/,
    operation: 'workshop.create',
    // The workshop's id; never the reply's join token.
    target: async (_, reply) => {
      const body = (await reply()) as { workshop?: { id?: unknown } };
      return typeof body.workshop?.id === 'string' ? `workshop:${body.workshop.id}` : null;
    },
  },
  {
    method: 'POST',
    path: /^\/v1\/workshops\/([^/]+)\/link$/,
    operation: 'workshop.new-link',
    target: captured('workshop'),
  },
  {
    method: 'POST',
    path: /^\/v1\/workshops\/([^/]+)\/actions$/,
    operation: 'workshop.action',
    target: captured('workshop'),
  },
  {
    method: 'POST',
    path: /^\/v1\/customers\/([^/]+)\/unsubscribe$/,
    operation: 'customer.unsubscribe',
    target: ([id], _, s, ws) => s.privacy.customerTarget(ws, decodeURIComponent(id!)),
  },
];
