import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Store } from '../../platform/store/port.ts';
import { bool, epochMs, row, text } from '../../platform/store/rows.ts';
import { DomainError } from '../../platform/errors.ts';

export type Channel = 'email' | 'webhook';
export type Purpose = 'transactional' | 'marketing';

export interface ConsentRecord {
  channel: string;
  purpose: string;
  granted: boolean;
  at: number;
  source: string;
}

/**
 * Consent per channel and purpose, and the signed one-click unsubscribe links (RFC 8058) that
 * withdraw it. Marketing needs consent not withdrawn; transactional messages (what the customer
 * asked for) are sent regardless, and the log says so. The link's key is per workspace, kept
 * sealed where the store has an at-rest key.
 */
export class Consents {
  private readonly secrets = new Map<string, Buffer>();

  constructor(private readonly store: Store) {}

  async set(workspaceId: string, customerId: string, consent: Omit<ConsentRecord, 'at'>, now: number) {
    await this.store.write([
      {
        sql: `INSERT INTO consents VALUES ($1, $2, $3, $4, $5, $6, $7)
              ON CONFLICT (workspace_id, customer_id, channel, purpose)
              DO UPDATE SET granted = excluded.granted, changed_at = excluded.changed_at, source = excluded.source`,
        params: [
          workspaceId,
          customerId,
          consent.channel,
          consent.purpose,
          consent.granted,
          new Date(now),
          consent.source,
        ],
      },
    ]);
  }

  async of(workspaceId: string, customerId: string): Promise<ConsentRecord[]> {
    return this.store.readRows(
      row({ channel: text, purpose: text, granted: bool, at: epochMs, source: text }),
      'SELECT channel, purpose, granted, changed_at AS at, source FROM consents WHERE workspace_id = $1 AND customer_id = $2 ORDER BY channel, purpose',
      [workspaceId, customerId],
    );
  }

  /** The token of a customer's unsubscribe link: it names the workspace and customer, signed. */
  async token(workspaceId: string, customerId: string, now: number): Promise<string> {
    const payload = Buffer.from(JSON.stringify([workspaceId, customerId])).toString('base64url');
    return `${payload}.${this.sign(await this.secret(workspaceId, now), payload)}`;
  }

  /** Withdraws marketing email consent for the customer a valid token names; 401 for any other token. */
  async unsubscribe(token: string, now: number): Promise<{ workspaceId: string; customerId: string }> {
    const refused = new DomainError('unauthorized', 'not a valid unsubscribe link', { code: 'invalid_link' });
    const [payload, signature] = token.split('.');
    if (!payload || !signature) throw refused;
    let named: unknown;
    try {
      named = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      throw refused;
    }
    if (!Array.isArray(named) || named.length !== 2 || !named.every((v) => typeof v === 'string'))
      throw refused;
    const [workspaceId, customerId] = named as [string, string];
    const expected = Buffer.from(this.sign(await this.secret(workspaceId, now, false), payload));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw refused;
    await this.set(
      workspaceId,
      customerId,
      { channel: 'email', purpose: 'marketing', granted: false, source: 'unsubscribe_link' },
      now,
    );
    return { workspaceId, customerId };
  }

  private sign(secret: Buffer, payload: string): string {
    return createHmac('sha256', secret).update(payload).digest('base64url');
  }

  private async secret(workspaceId: string, now: number, create = true): Promise<Buffer> {
    const hit = this.secrets.get(workspaceId);
    if (hit) return hit;
    const read = async () =>
      (
        await this.store.readRows(
          row({ secret: text }),
          'SELECT secret FROM workflow_secrets WHERE workspace_id = $1',
          [workspaceId],
        )
      )[0]?.secret;
    let stored = await read();
    if (stored === undefined && create) {
      const fresh = randomBytes(32).toString('base64url');
      await this.store.write([
        {
          sql: 'INSERT INTO workflow_secrets VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
          params: [workspaceId, this.store.sealer ? this.store.sealer.seal(fresh) : fresh, new Date(now)],
        },
      ]);
      stored = await read();
    }
    // An unknown workspace signs with a throwaway key, so its tokens fail like any forged one.
    if (stored === undefined) return randomBytes(32);
    const key = Buffer.from(this.store.sealer ? this.store.sealer.open(stored) : stored, 'base64url');
    this.secrets.set(workspaceId, key);
    return key;
  }
}
