import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../http-env.ts';
import { DomainError } from '../../platform/errors.ts';
import { errorResponses, security } from '../../platform/http/schemas.ts';
import { requireKey } from '../workspaces/auth.ts';
import { sessionToken } from '../workspaces/session-cookie.ts';
import {
  accountReply,
  inviteReply,
  inviteRequest,
  memberList,
  passwordChange,
  roleChange,
  totpCode,
  totpEnrolment,
} from './contract.ts';

/** The members of a workspace (admins) and a person's own account (whoever signed in as a user). */

const secret = requireKey('secret');
const json = <S extends z.ZodType>(schema: S) => ({
  body: { required: true, content: { 'application/json': { schema } } },
});
const idParam = z.object({ id: z.string().min(1).max(100) });

const listRoute = createRoute({
  method: 'get',
  path: '/v1/users',
  summary: 'The members of this workspace with their roles',
  tags: ['people'],
  security,
  middleware: secret,
  responses: {
    200: { description: 'members', content: { 'application/json': { schema: memberList } } },
    ...errorResponses,
  },
});

const inviteRoute = createRoute({
  method: 'post',
  path: '/v1/users/invitations',
  summary: 'Invite someone by email with a role: a one-time link is mailed (and returned)',
  tags: ['people'],
  security,
  middleware: secret,
  request: json(inviteRequest),
  responses: {
    201: { description: 'invited', content: { 'application/json': { schema: inviteReply } } },
    ...errorResponses,
  },
});

const roleRoute = createRoute({
  method: 'patch',
  path: '/v1/users/{id}',
  summary: "Change a member's role (409 for the last admin)",
  tags: ['people'],
  security,
  middleware: secret,
  request: { params: idParam, ...json(roleChange) },
  responses: { 204: { description: 'changed' }, ...errorResponses },
});

const removeRoute = createRoute({
  method: 'delete',
  path: '/v1/users/{id}',
  summary: 'Remove a member from this workspace; their sessions here end (409 for the last admin)',
  tags: ['people'],
  security,
  middleware: secret,
  request: { params: idParam },
  responses: { 204: { description: 'removed' }, ...errorResponses },
});

const accountRoute = createRoute({
  method: 'get',
  path: '/v1/account',
  summary: 'The signed-in person: email, name, second factor, workspaces and roles',
  tags: ['account'],
  security,
  middleware: secret,
  responses: {
    200: { description: 'the account', content: { 'application/json': { schema: accountReply } } },
    ...errorResponses,
  },
});

const passwordRoute = createRoute({
  method: 'put',
  path: '/v1/account/password',
  summary: 'Change the password (the current one is needed once one is set); other sessions end',
  tags: ['account'],
  security,
  middleware: secret,
  request: json(passwordChange),
  responses: { 204: { description: 'changed' }, ...errorResponses },
});

const totpStartRoute = createRoute({
  method: 'post',
  path: '/v1/account/totp',
  summary: 'Start a TOTP enrolment: a secret and its otpauth:// URI (on once confirmed with a code)',
  tags: ['account'],
  security,
  middleware: secret,
  responses: {
    200: { description: 'the secret', content: { 'application/json': { schema: totpEnrolment } } },
    ...errorResponses,
  },
});

const totpConfirmRoute = createRoute({
  method: 'post',
  path: '/v1/account/totp/confirm',
  summary: 'Turn the second factor on with a code of the authenticator app',
  tags: ['account'],
  security,
  middleware: secret,
  request: json(totpCode),
  responses: { 204: { description: 'on: sign-ins now ask for a code' }, ...errorResponses },
});

const totpOffRoute = createRoute({
  method: 'delete',
  path: '/v1/account/totp',
  summary: 'Turn the second factor off, with a current code',
  tags: ['account'],
  security,
  middleware: secret,
  request: json(totpCode),
  responses: { 204: { description: 'off' }, ...errorResponses },
});

export function userRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(listRoute, async (c) => {
    return c.json({ users: await c.get('services').people.users.members(c.get('workspaceId')) }, 200);
  });

  app.openapi(inviteRoute, async (c) => {
    const { email, role } = c.req.valid('json');
    const invitation = await c.get('services').people.invite(c.get('principal'), email, role);
    return c.json({ email: email.trim().toLowerCase(), role, ...invitation }, 201);
  });

  app.openapi(roleRoute, async (c) => {
    await c
      .get('services')
      .people.setRole(c.get('workspaceId'), c.req.valid('param').id, c.req.valid('json').role);
    return c.body(null, 204);
  });

  app.openapi(removeRoute, async (c) => {
    await c.get('services').people.remove(c.get('workspaceId'), c.req.valid('param').id);
    return c.body(null, 204);
  });

  app.openapi(accountRoute, async (c) => {
    const people = c.get('services').people;
    const user = await people.users.byId(personOf(c.get('principal')));
    if (!user) throw new DomainError('not_found', 'no such user');
    return c.json(
      {
        id: user.id,
        email: user.email,
        name: user.name,
        totp: user.totpEnabledAt !== null,
        hasPassword: user.passwordHash !== null,
        workspaces: await people.users.workspacesOf(user.id),
      },
      200,
    );
  });

  app.openapi(passwordRoute, async (c) => {
    const { current, password } = c.req.valid('json');
    await c
      .get('services')
      .people.changePassword(personOf(c.get('principal')), current, password, sessionToken(c));
    return c.body(null, 204);
  });

  app.openapi(totpStartRoute, async (c) => {
    return c.json(await c.get('services').people.startTotp(personOf(c.get('principal'))), 200);
  });

  app.openapi(totpConfirmRoute, async (c) => {
    await c.get('services').people.confirmTotp(personOf(c.get('principal')), c.req.valid('json').code);
    return c.body(null, 204);
  });

  app.openapi(totpOffRoute, async (c) => {
    await c.get('services').people.disableTotp(personOf(c.get('principal')), c.req.valid('json').code);
    return c.body(null, 204);
  });
}

/** The account routes are a person's: a key or the local token has no password or second factor. */
function personOf(principal: { kind: string; id: string }): string {
  if (principal.kind !== 'user')
    throw new DomainError('forbidden', 'only a person signed in as a user has an account; this is a key', {
      code: 'not_a_user',
    });
  return principal.id;
}
