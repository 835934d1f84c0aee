import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Identity verification for the in-page widget, the convention Intercom and Customer.io use
 * (`user_hash`): the site's backend computes HMAC-SHA-256 of the customer id with the workspace's
 * identity-verification secret, hex-encoded, and puts it in the page of that signed-in customer.
 * The public ingest key alone then cannot ask for another customer's invitations: it would need
 * the hash, and only the site's backend (and the page it rendered for that customer) has it.
 */
export function userHash(customerId: string, secret: string): string {
  return createHmac('sha256', secret).update(customerId, 'utf8').digest('hex');
}

/** Whether `hash` is the user hash of `customerId`, compared in constant time. */
export function verifyUserHash(customerId: string, hash: string, secret: string): boolean {
  if (!/^[0-9a-f]{64}$/i.test(hash)) return false;
  return timingSafeEqual(Buffer.from(userHash(customerId, secret), 'hex'), Buffer.from(hash, 'hex'));
}
