import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * What an invitation link carries: which workspace, invitation, customer, survey and trigger it
 * is for, and until when it answers. Signed with the workspace's secret, so nothing in it can be
 * changed, and the invitation id in it is random, so no link can be guessed.
 */
export interface TokenClaims {
  workspace: string;
  invitation: string;
  customer: string;
  survey: string;
  trigger: string;
  /** Epoch ms after which the link no longer takes answers. */
  expires: number;
}

const MAX_TOKEN = 1200;

const sign = (payload: string, secret: string) => createHmac('sha256', secret).update(payload).digest();

export function signToken(claims: TokenClaims, secret: string): string {
  const c = claims;
  const payload = Buffer.from(
    JSON.stringify([1, c.workspace, c.invitation, c.customer, c.survey, c.trigger, c.expires]),
  ).toString('base64url');
  return `${payload}.${sign(payload, secret).toString('base64url')}`;
}

/**
 * Reads the claims without checking the signature: only to find whose secret checks it.
 * Returns null for anything that is not one of our tokens.
 */
export function readToken(token: string): TokenClaims | null {
  if (token.length > MAX_TOKEN) return null;
  const [payload, mac, extra] = token.split('.');
  if (!payload || !mac || extra !== undefined) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 7 || value[0] !== 1) return null;
    const [, workspace, invitation, customer, survey, trigger, expires] = value as unknown[];
    const strings = [workspace, invitation, customer, survey, trigger];
    if (!strings.every((s) => typeof s === 'string' && s.length > 0) || !Number.isFinite(expires))
      return null;
    return {
      workspace: workspace as string,
      invitation: invitation as string,
      customer: customer as string,
      survey: survey as string,
      trigger: trigger as string,
      expires: expires as number,
    };
  } catch {
    return null;
  }
}

/** True when the token was signed with `secret` and not changed since, compared in constant time. */
export function verifySignature(token: string, secret: string): boolean {
  const [payload, mac] = token.split('.');
  if (!payload || !mac) return false;
  const expected = sign(payload, secret);
  const given = Buffer.from(mac, 'base64url');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
