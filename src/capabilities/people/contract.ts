import { z } from '@hono/zod-openapi';
import { ROLES } from '../../platform/auth/principal.ts';
import { PASSWORD_MAX, PASSWORD_MIN } from './passwords.ts';

/** Request and reply shapes of the people routes: the routes, the OpenAPI document and the dashboard's types. */

export const roleSchema = z.enum(ROLES).openapi({
  description:
    'viewer: aggregates only; agent: + customers and timelines; analyst: + analyses, imports, edits; admin: + users, keys, settings',
});
const email = z.email().max(320);
const password = z.string().min(PASSWORD_MIN).max(PASSWORD_MAX);
const token = z.string().min(10).max(200);

export const signInWithPassword = z
  .object({ email, password: z.string().min(1).max(PASSWORD_MAX), workspace: z.string().max(64).optional() })
  .openapi('PasswordSignIn');

export const totpChallenge = z
  .object({
    totpRequired: z.literal(true),
    challenge: z
      .string()
      .openapi({ description: 'send it back with the code to POST /v1/sign-in/totp (5 minutes, once)' }),
  })
  .openapi('TotpChallenge');
export type TotpChallenge = z.infer<typeof totpChallenge>;

export const signInTotp = z
  .object({ challenge: token, code: z.string().min(6).max(10) })
  .openapi('TotpSignIn');
export const tokenOnly = z.object({ token }).openapi('OneTimeLink');
export const resetRequest = z.object({ email }).openapi('PasswordResetRequest');
export const resetConfirm = z.object({ token, password }).openapi('PasswordReset');
export const acceptInvitation = z
  .object({ token, name: z.string().min(1).max(200).optional(), password: password.optional() })
  .openapi('AcceptInvitation');

export const memberSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: roleSchema,
    totp: z.boolean().openapi({ description: 'whether the second factor is on' }),
    hasPassword: z.boolean(),
    createdAt: z.number().openapi({ description: 'epoch ms: when they joined this workspace' }),
  })
  .openapi('Member');
export const memberList = z.object({ users: z.array(memberSchema) }).openapi('MemberList');
export type MemberList = z.infer<typeof memberList>;
export type Role = z.infer<typeof roleSchema>;
export type Member = z.infer<typeof memberSchema>;

export const inviteRequest = z.object({ email, role: roleSchema }).openapi('Invite');
export const inviteReply = z
  .object({
    email: z.string(),
    role: roleSchema,
    link: z.string().openapi({ description: 'also mailed; works once, for a week' }),
    expiresAt: z.number(),
  })
  .openapi('Invitation');
export type Invitation = z.infer<typeof inviteReply>;
export const roleChange = z.object({ role: roleSchema }).openapi('RoleChange');

export const accountReply = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    totp: z.boolean(),
    hasPassword: z.boolean(),
    workspaces: z.array(z.object({ id: z.string(), role: roleSchema })),
  })
  .openapi('Account');
export type Account = z.infer<typeof accountReply>;
export const passwordChange = z
  .object({ current: z.string().max(PASSWORD_MAX).optional(), password })
  .openapi('PasswordChange');
export const totpEnrolment = z
  .object({
    secret: z.string().openapi({ description: 'base32, for typing into an authenticator app' }),
    uri: z.string().openapi({ description: 'otpauth:// URI, for a QR code' }),
  })
  .openapi('TotpEnrolment');
export type TotpEnrolment = z.infer<typeof totpEnrolment>;
export const totpCode = z.object({ code: z.string().min(6).max(10) }).openapi('TotpCode');
