import type { Channel } from './channel.ts';
import { webhookHeaders } from './webhook-signature.ts';

export interface WebhookMessage {
  url: string;
  /** The endpoint's `whsec_...` secret. */
  secret: string;
  /** The `webhook-id`: the same on every retry of this message, so the receiver can drop repeats. */
  id: string;
  /** Sent as JSON; Standard Webhooks suggests `{type, timestamp, data}`. */
  payload: unknown;
}

export interface WebhookOptions {
  /** The clock that stamps `webhook-timestamp` (receivers refuse stale ones). */
  now: () => number;
  /** How long to wait for the receiver's answer. */
  timeoutMs?: number;
}

/**
 * Webhooks signed per Standard Webhooks, POSTed as JSON. Any 2xx is accepted; anything else,
 * or no answer within the timeout, rejects (the caller's job retries later with the same id).
 */
export function webhookChannel(options: WebhookOptions): Channel<WebhookMessage> {
  return {
    name: 'webhook',
    recipient: (message) => message.url,
    messageId: (message) => message.id,
    async deliver(message) {
      const body = JSON.stringify(message.payload);
      const response = await fetch(message.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...webhookHeaders(message.secret, message.id, options.now(), body),
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
      });
      await response.arrayBuffer(); // let the connection be reused
      if (response.status < 200 || response.status > 299)
        throw new Error(`the receiver answered HTTP ${response.status}`);
      return `HTTP ${response.status}`;
    },
  };
}
