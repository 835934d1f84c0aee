import { createHash } from 'node:crypto';
import { DomainError } from '../../platform/errors.ts';
import type { LinkTokens } from '../surveys/link-tokens.ts';

/** The asker as the server trusts them: a customer only when the user hash proves it. */
export interface Visitor {
  anonymousId: string;
  /** Set only for a verified customer; an unverified claim is refused, not downgraded. */
  customerId: string | null;
}

/**
 * Identifies the visitor as the in-page surveys do: the public ingest key alone never speaks for
 * a customer; a customer id counts only with the HMAC the site's backend computed for it. A claim
 * without a valid hash is refused (401), so a mistake shows instead of quietly answering as a stranger.
 */
export async function verifiedVisitor(
  tokens: LinkTokens,
  workspaceId: string,
  input: { anonymousId: string; customerId?: string; userHash?: string },
  now: number,
): Promise<Visitor> {
  if (input.customerId === undefined) return { anonymousId: input.anonymousId, customerId: null };
  if (!(await tokens.verifyUserHash(workspaceId, input.customerId, input.userHash, now)))
    throw new DomainError('unauthorized', 'customerId needs a valid userHash (identity verification)', {
      code: 'identity_not_verified',
      issues: [
        { path: 'userHash', code: 'identity_not_verified', message: 'missing or not the hash of customerId' },
      ],
    });
  return { anonymousId: input.anonymousId, customerId: input.customerId };
}

/** Who the events are about: the verified customer, else the anonymous id. */
export const whoOf = (v: Visitor) =>
  v.customerId !== null ? { customerId: v.customerId } : { anonymousId: v.anonymousId };

/**
 * Event ids derive from the visitor and the widget's own ids: a retried request is a duplicate
 * (stored once), and one visitor's ids can never collide with, or overwrite, another's.
 */
export function eventId(v: Visitor, ...parts: string[]): string {
  const who = v.customerId !== null ? `c:${v.customerId}` : `a:${v.anonymousId}`;
  return `sa-${createHash('sha256')
    .update([who, ...parts].join('\n'))
    .digest('hex')
    .slice(0, 32)}`;
}
