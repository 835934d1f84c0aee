import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../http-env.ts';
import { errorResponses, errorSchema } from '../../platform/http/schemas.ts';
import { sessionReply } from '../workspaces/contract.ts';
import { setSessionCookie, sessionToken } from '../workspaces/session-cookie.ts';
import { describeSession } from '../workspaces/session-routes.ts';
import { sessionsOf } from '../workspaces/sessions.ts';
import {
  acceptInvitation,
  resetConfirm,
  resetRequest,
  signInTotp,
  signInWithPassword,
  tokenOnly,
  totpChallenge,
} from './contract.ts';
import { PasswordLimit } from './sign-in-limit.ts';
import type { UserSession } from './sessions.ts';

/**
 * Signing in as a person: email and password (then a TOTP code when they turned it on), a one-time
 * sign-in link, a password reset by an emailed link, and accepting an invitation. All public (no
 * key); each that succeeds sets the same http-only session cookie as the key sign-in.
 */

const json = <S extends z.ZodType>(schema: S) => ({
  body: { required: true, content: { 'application/json': { schema } } },
});
const signedIn = {
  200: {
    description: 'signed in; the reply sets an http-only, Secure, SameSite=Strict cookie',
    content: { 'application/json': { schema: sessionReply } },
  },
};
const tooMany = {
  429: {
    description: 'too many failed sign-ins from this address or for this email (Retry-After)',
    content: { 'application/json': { schema: errorSchema } },
  },
};

const passwordRoute = createRoute({
  method: 'post',
  path: '/v1/sign-in',
  summary: 'Sign in with email and password (the same 401 for an unknown email and a wrong password)',
  tags: ['people'],
  request: json(signInWithPassword),
  responses: {
    200: {
      description: 'signed in (cookie set), or the second step is needed: a TOTP code with the challenge',
      content: { 'application/json': { schema: z.union([sessionReply, totpChallenge]) } },
    },
    ...tooMany,
    ...errorResponses,
  },
});

const totpRoute = createRoute({
  method: 'post',
  path: '/v1/sign-in/totp',
  summary: 'The second step of a sign-in: the challenge and the code of the authenticator app',
  tags: ['people'],
  request: json(signInTotp),
  responses: { ...signedIn, ...tooMany, ...errorResponses },
});

const linkRoute = createRoute({
  method: 'post',
  path: '/v1/sign-in/link',
  summary: 'Sign in with a one-time sign-in link (first start, `cxloop users link`)',
  tags: ['people'],
  request: json(tokenOnly),
  responses: { ...signedIn, ...errorResponses },
});

const resetRoute = createRoute({
  method: 'post',
  path: '/v1/password-reset',
  summary: 'Mail a one-time reset link to this email if it is a user (the same reply either way)',
  tags: ['people'],
  request: json(resetRequest),
  responses: {
    204: { description: 'accepted (also when the email is no user)' },
    ...tooMany,
    ...errorResponses,
  },
});

const resetConfirmRoute = createRoute({
  method: 'post',
  path: '/v1/password-reset/confirm',
  summary: 'Set a new password with the reset link (once, within the hour); every session of the user ends',
  tags: ['people'],
  request: json(resetConfirm),
  responses: { 204: { description: 'the password is set; sign in with it' }, ...errorResponses },
});

const acceptRoute = createRoute({
  method: 'post',
  path: '/v1/invitations/accept',
  summary:
    'Accept an invitation: a new user with a name and password (or the existing user of the email) joins',
  tags: ['people'],
  request: json(acceptInvitation),
  responses: { ...signedIn, ...errorResponses },
});

async function startSession(c: Context<AppEnv>, created: { token: string; session: UserSession }) {
  const services = c.get('services');
  const previous = sessionToken(c);
  if (previous) {
    await services.people.sessions.revoke(previous);
    await sessionsOf(services).revoke(previous);
  }
  setSessionCookie(c, created.token, created.session);
  const role = await services.people.users.roleIn(created.session.workspaceId, created.session.userId);
  return describeSession(c, created.session.workspaceId, created.session.expiresAt, {
    kind: 'user',
    id: created.session.userId,
    workspace: created.session.workspaceId,
    role: role ?? 'viewer',
  });
}

export function signInRoutes(app: OpenAPIHono<AppEnv>, now: () => number) {
  const limit = new PasswordLimit(now);

  app.openapi(passwordRoute, async (c) => {
    const { email, password, workspace } = c.req.valid('json');
    limit.check(c, email);
    const people = c.get('services').people;
    const outcome = await people.signIn(email, password, workspace).catch((error: unknown) => {
      limit.failed(c, email);
      throw error;
    });
    if (outcome.kind === 'totp')
      return c.json({ totpRequired: true as const, challenge: outcome.challenge }, 200);
    return c.json(await startSession(c, outcome), 200);
  });

  app.openapi(totpRoute, async (c) => {
    const { challenge, code } = c.req.valid('json');
    // A wrong code spends the challenge: a guess at the 10^6 codes needs the password again each time.
    limit.check(c, challenge);
    const outcome = await c
      .get('services')
      .people.finishTotp(challenge, code)
      .catch((error: unknown) => {
        limit.failed(c, challenge);
        throw error;
      });
    if (outcome.kind !== 'session') throw new Error('a TOTP step cannot ask for another');
    return c.json(await startSession(c, outcome), 200);
  });

  app.openapi(linkRoute, async (c) => {
    const created = await c.get('services').people.useSignInLink(c.req.valid('json').token);
    return c.json(await startSession(c, created), 200);
  });

  app.openapi(resetRoute, async (c) => {
    const { email } = c.req.valid('json');
    // Counted like a failed sign-in, so the endpoint cannot be used to flood someone's mailbox.
    limit.check(c, email);
    limit.failed(c, email);
    await c.get('services').people.requestReset(email);
    return c.body(null, 204);
  });

  app.openapi(resetConfirmRoute, async (c) => {
    const { token, password } = c.req.valid('json');
    await c.get('services').people.confirmReset(token, password);
    return c.body(null, 204);
  });

  app.openapi(acceptRoute, async (c) => {
    const { token, name, password } = c.req.valid('json');
    const created = await c.get('services').people.acceptInvitation(token, name, password);
    return c.json(await startSession(c, created), 200);
  });
}
