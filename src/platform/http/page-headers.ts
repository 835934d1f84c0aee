import type { MiddlewareHandler } from 'hono';

/**
 * Headers for the public HTML pages a link opens (the hosted survey, unsubscribing). They carry no
 * script and load nothing, so the policy allows nothing but their own inline style and forms
 * posting back to this server. Nobody may frame them (a framed one-click unsubscribe or answer is
 * clickjacking), and no Referer leaves them: their address holds the invitation's token.
 */
export const PUBLIC_PAGE_HEADERS = {
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; " +
    "frame-ancestors 'none'; base-uri 'none'",
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
} as const;

export const publicPageHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  for (const [name, value] of Object.entries(PUBLIC_PAGE_HEADERS)) c.res.headers.set(name, value);
};
