import type { Store } from '../store/port.ts';
import type { Channel } from './channel.ts';

export type SendOutcome = 'sent' | 'already_sent';

/** One attempt as the send log keeps it. */
export interface SendLogEntry {
  idempotencyKey: string;
  channel: string;
  recipient: string;
  messageId: string;
  attemptedAt: number;
  outcome: 'sent' | 'failed';
  /** The receiver's answer when sent, the error when not. */
  detail: string | null;
}

/**
 * Sends through any channel with a send log (`message_sends`: what, to whom, when, how it went)
 * and idempotency keys: a key the log already holds as sent in this workspace is not sent again.
 * The check and the send are not one transaction, so two sends of one key at the same moment
 * can both go out; callers that can race (several processes) send from a claimed job, whose
 * claim is exclusive. A failed attempt is logged and rethrown, for the caller's retry.
 */
export class Messenger {
  constructor(
    private readonly store: Store,
    private readonly now: () => number,
  ) {}

  async send<M>(workspaceId: string, channel: Channel<M>, message: M, key: string): Promise<SendOutcome> {
    const [done] = await this.store.read(
      `SELECT 1 AS sent FROM message_sends
       WHERE workspace_id = $1 AND idempotency_key = $2 AND outcome = 'sent' LIMIT 1`,
      [workspaceId, key],
    );
    if (done) return 'already_sent';
    const log = (outcome: 'sent' | 'failed', detail: string | null) =>
      this.store.write([
        {
          sql: 'INSERT INTO message_sends VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
          params: [
            workspaceId,
            key,
            channel.name,
            channel.recipient(message),
            channel.messageId(message),
            new Date(this.now()),
            outcome,
            detail,
          ],
        },
      ]);
    let detail: string | null;
    try {
      detail = await channel.deliver(message);
    } catch (error) {
      await log('failed', (error instanceof Error ? error.message : String(error)).slice(0, 1000));
      throw error;
    }
    await log('sent', detail);
    return 'sent';
  }

  /** The log of one idempotency key in one workspace, oldest attempt first. */
  async history(workspaceId: string, key: string): Promise<SendLogEntry[]> {
    const rows = await this.store.read(
      `SELECT idempotency_key, channel, recipient, message_id, attempted_at, outcome, detail
       FROM message_sends WHERE workspace_id = $1 AND idempotency_key = $2 ORDER BY attempted_at, outcome`,
      [workspaceId, key],
    );
    return rows.map((r) => ({
      idempotencyKey: String(r.idempotency_key),
      channel: String(r.channel),
      recipient: String(r.recipient),
      messageId: String(r.message_id),
      attemptedAt: Number(r.attempted_at),
      outcome: r.outcome === 'sent' ? 'sent' : 'failed',
      detail: typeof r.detail === 'string' ? r.detail : null,
    }));
  }
}
