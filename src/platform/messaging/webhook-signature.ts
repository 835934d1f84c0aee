import { createHmac, randomBytes } from 'node:crypto';

/**
 * Webhook signatures per the Standard Webhooks specification (standardwebhooks.com), so
 * receivers can verify them with any of its libraries: the secret is `whsec_` + base64 of the
 * key bytes, and the signature is `v1,` + base64 of HMAC-SHA256(key, "id.timestamp.body").
 */
const PREFIX = 'whsec_';

/** A new random secret (24 bytes, as the specification's libraries generate). */
export function newWebhookSecret(): string {
  return PREFIX + randomBytes(24).toString('base64');
}

function keyOf(secret: string): Buffer {
  const encoded = secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : '';
  const key = Buffer.from(encoded, 'base64');
  // Base64 decoding skips what it cannot read; a round trip shows whether anything was skipped.
  if (key.length === 0 || key.toString('base64') !== encoded)
    throw new Error('a webhook secret is "whsec_" followed by the base64 of its key');
  return key;
}

/** `v1,<base64 signature>` of one message at one time (whole seconds since the epoch). */
export function signWebhook(secret: string, id: string, timestamp: number, body: string): string {
  const mac = createHmac('sha256', keyOf(secret)).update(`${id}.${timestamp}.${body}`).digest('base64');
  return `v1,${mac}`;
}

/** The three headers a Standard Webhooks receiver checks. */
export function webhookHeaders(secret: string, id: string, now: number, body: string) {
  const timestamp = Math.floor(now / 1000);
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signWebhook(secret, id, timestamp, body),
  };
}
