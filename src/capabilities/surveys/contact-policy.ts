import { InputError, zodIssues } from '../../core/issues.ts';
import { contactPolicySchema, DEFAULT_POLICY, type ContactPolicy } from '../../core/surveys/policy.ts';
import { isTimeZone } from '../../core/surveys/quiet-hours.ts';
import type { Store } from '../../platform/store/port.ts';
import { epochMs, json, nullable, oneOf, row, text } from '../../platform/store/rows.ts';

const policyRow = row({ doc: json });
const decisionRow = row({
  invitation_id: text,
  customer_id: text,
  survey_id: text,
  decided_at: epochMs,
  decision: oneOf('sent', 'delayed', 'skipped'),
  reason: text,
  until: nullable(epochMs),
});

export interface DecisionRecord {
  invitationId: string;
  customerId: string;
  surveyId: string;
  at: number;
  decision: 'sent' | 'delayed' | 'skipped';
  reason: string;
  until: number | null;
}

/**
 * Contacts made outside survey invitations (a workflow's marketing email), per customer: epoch ms
 * of each since `since`. Other capabilities declare theirs, so one policy weighs every contact.
 */
export type ContactSource = (
  workspaceId: string,
  customerIds: string[],
  since: number,
) => Promise<Map<string, number[]>>;

/** The workspace's contact-pressure policy, its decision log, and who has unsubscribed. */
export class ContactPolicies {
  private readonly cache = new Map<string, ContactPolicy>();
  private readonly sources: ContactSource[] = [];

  constructor(private readonly store: Store) {}

  /** Declares contacts that the policy must count besides invitations (marketing messages). */
  declareContacts(source: ContactSource): void {
    this.sources.push(source);
  }

  /** The declared sources' contacts of these customers since `since`, merged per customer. */
  async otherContacts(
    workspaceId: string,
    customerIds: string[],
    since: number,
  ): Promise<Map<string, number[]>> {
    const merged = new Map<string, number[]>();
    if (customerIds.length === 0) return merged;
    for (const source of this.sources)
      for (const [customer, times] of await source(workspaceId, customerIds, since))
        merged.set(customer, [...(merged.get(customer) ?? []), ...times]);
    return merged;
  }

  /** Invitations sent to one customer since `since` (epoch ms), for other senders weighing the policy. */
  async invitationContacts(workspaceId: string, customerId: string, since: number): Promise<number[]> {
    const rows = await this.store.readRows(
      row({ sent_at: epochMs }),
      `SELECT sent_at FROM survey_invitations
       WHERE workspace_id = $1 AND customer_id = $2 AND status = 'sent' AND sent_at > $3`,
      [workspaceId, customerId, new Date(since)],
    );
    return rows.map((r) => r.sent_at);
  }

  async get(workspaceId: string): Promise<ContactPolicy> {
    const hit = this.cache.get(workspaceId);
    if (hit) return hit;
    const [row] = await this.store.readRows(
      policyRow,
      'SELECT doc::VARCHAR AS doc FROM contact_policies WHERE workspace_id = $1',
      [workspaceId],
    );
    const policy = row ? contactPolicySchema.parse(row.doc) : DEFAULT_POLICY;
    this.cache.set(workspaceId, policy);
    return policy;
  }

  async set(workspaceId: string, input: unknown, now: number): Promise<ContactPolicy> {
    const parsed = contactPolicySchema.safeParse(input);
    if (!parsed.success) throw new InputError(zodIssues(parsed.error));
    if (!isTimeZone(parsed.data.defaultTimezone))
      throw new InputError([
        { path: 'defaultTimezone', code: 'invalid_value', message: 'not a known IANA time zone' },
      ]);
    await this.store.write([
      {
        sql: `INSERT INTO contact_policies VALUES ($1, $2::JSON, $3)
              ON CONFLICT (workspace_id) DO UPDATE SET doc = excluded.doc, updated_at = excluded.updated_at`,
        params: [workspaceId, JSON.stringify(parsed.data), new Date(now)],
      },
    ]);
    this.cache.set(workspaceId, parsed.data);
    return parsed.data;
  }

  async unsubscribe(workspaceId: string, customerId: string, source: string, now: number): Promise<void> {
    await this.store.write([
      {
        sql: 'INSERT INTO unsubscribes VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
        params: [workspaceId, customerId, new Date(now), source],
      },
    ]);
  }

  async decisions(workspaceId: string, filter: { customerId?: string; surveyId?: string; limit: number }) {
    const rows = await this.store.readRows(
      decisionRow,
      `SELECT invitation_id, customer_id, survey_id, decided_at, decision, reason, until
       FROM invitation_decisions
       WHERE workspace_id = $1 AND ($2::VARCHAR IS NULL OR customer_id = $2) AND ($3::VARCHAR IS NULL OR survey_id = $3)
       ORDER BY decided_at DESC, invitation_id LIMIT $4`,
      [workspaceId, filter.customerId ?? null, filter.surveyId ?? null, filter.limit],
    );
    return rows.map((r): DecisionRecord => ({
      invitationId: r.invitation_id,
      customerId: r.customer_id,
      surveyId: r.survey_id,
      at: r.decided_at,
      decision: r.decision,
      reason: r.reason,
      until: r.until,
    }));
  }
}
