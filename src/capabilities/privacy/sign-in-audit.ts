import type { Context } from 'hono';
import { recordAudit } from '../../platform/auth/audit.ts';
import type { AppEnv } from '../http-env.ts';
import { actorOf, requestOrigin } from './request-actor.ts';

/**
 * The sign-in routes and how each signs in (the entry's target): a key pasted in the dashboard,
 * a person's email and password, its TOTP second step, a one-time sign-in link, an invitation
 * accepted. A sign-in that needs a TOTP code is recorded once, when the code is right.
 */
const SIGN_INS: Record<string, string> = {
  '/v1/session': 'key',
  '/v1/sign-in': 'password',
  '/v1/sign-in/totp': 'password+totp',
  '/v1/sign-in/link': 'link',
  '/v1/invitations/accept': 'invitation',
};

export function isSignIn(method: string, path: string): boolean {
  return method === 'POST' && Object.hasOwn(SIGN_INS, path);
}

interface SignedIn {
  workspace?: { id?: unknown };
  principal?: { kind?: unknown; id?: unknown };
}

/**
 * Records a sign-in after its route ran: the session's workspace and who it is (the reply's
 * principal: the user, or the key), or, for a wrong password, the known user it was tried on.
 */
export async function auditSignIn(c: Context<AppEnv>): Promise<void> {
  const services = c.get('services');
  const via = SIGN_INS[c.req.path]!;
  if (c.res.status === 200) {
    const reply = (await c.res.clone().json()) as SignedIn & { totpRequired?: unknown };
    const { workspace, principal } = reply;
    if (typeof workspace?.id !== 'string' || typeof principal?.id !== 'string') return; // a TOTP step is next
    const kind = principal.kind === 'user' || principal.kind === 'key' ? principal.kind : null;
    if (!kind) return;
    await recordAudit(services.store, {
      workspaceId: workspace.id,
      actor: actorOf({ kind, id: principal.id }),
      operation: 'session.sign-in',
      target: via,
      origin: requestOrigin(c),
      at: services.now(),
    });
    return;
  }
  if (c.res.status === 401 && via === 'password') await auditWrongPassword(c);
}

/**
 * A refused password sign-in for an email that is a user's goes into the log of each workspace
 * it was tried on (the one named, or all of theirs), with that user as the actor: their admins
 * see someone guessing. An unknown email names no workspace, so nothing is recorded; the lookup
 * runs for both, so the reply takes a read either way (the write adds a little more for a
 * known email; the per-email limit of sign-in-limit.ts bounds how often that can be measured).
 */
async function auditWrongPassword(c: Context<AppEnv>): Promise<void> {
  const services = c.get('services');
  const body = (await c.req.json().catch(() => null)) as { email?: unknown; workspace?: unknown } | null;
  if (typeof body?.email !== 'string') return;
  const user = await services.people.users.byEmail(body.email);
  if (!user) return;
  const memberships = await services.people.users.workspacesOf(user.id);
  const tried = memberships.filter((m) => typeof body.workspace !== 'string' || m.id === body.workspace);
  const origin = requestOrigin(c);
  const at = services.now();
  for (const m of tried) {
    await recordAudit(services.store, {
      workspaceId: m.id,
      actor: { kind: 'user', id: user.id },
      operation: 'session.sign-in-refused',
      target: 'password',
      origin,
      at,
    });
  }
}
