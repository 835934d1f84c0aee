import { retryDelay } from '../../core/retry/backoff.ts';
import { epochMs, nullable, row, text } from '../../platform/store/rows.ts';
import { decide, type Candidate, type ContactPolicy, type Decision } from '../../core/surveys/policy.ts';
import type { Survey } from '../../core/surveys/schema.ts';
import type { SqlStatement, Store } from '../../platform/store/port.ts';
import type { SurveyConfig } from './config.ts';
import type { ContactPolicies } from './contact-policy.ts';
import { customerContexts, type CustomerContext } from './customers.ts';
import type { SurveyDefinitions } from './definitions.ts';
import {
  claimDue,
  insertDecisions,
  lapseClaims,
  renewLease,
  toInvitation,
  type DecisionRow,
  type Invitation,
} from './invitation-rows.ts';
import type { Invitations } from './invitations.ts';
import type { EmailSender } from '../../platform/messaging/email.ts';
import { invitationEmail } from './render/email.ts';
import { emailAddressProblem } from '../../core/ingest/email-address.ts';
import { insertRows, placeholders, toDate } from './sql.ts';

export interface DispatchReport {
  claimed: number;
  sent: number;
  delayed: number;
  skipped: number;
  retried: number;
  failed: number;
  /** Sent again because a crash left them `sending`: the SMTP server may have them already. */
  resent: number;
}

/** What became of one claimed invitation, written back in one statement per group. */
interface Outcome {
  invitation: Invitation;
  status: Invitation['status'];
  dueAt: number;
  reason: string | null;
  attempts: number;
  sentAt: number | null;
  error: string | null;
  decision: DecisionRow | null;
  send: { outcome: 'sent' | 'failed'; error: string | null } | null;
}

interface History {
  /** Contacts per customer (sent or dismissed invitations), any survey. */
  contacts: Map<string, number[]>;
  /** Last contact per customer and survey. */
  lastBySurvey: Map<string, number>;
  /** Customer+survey pairs with an invitation waiting after a policy delay or a failed send. */
  open: Set<string>;
}

const pair = (customer: string, survey: string) => `${customer}\u0000${survey}`;
const sendKey = (invitation: Invitation) => `${invitation.id}:${invitation.channel}`;

export interface DispatcherDeps {
  store: Store;
  definitions: SurveyDefinitions;
  policies: ContactPolicies;
  invitations: Invitations;
  config: SurveyConfig['dispatch'];
  email: EmailSender | null;
  /** Base URL for links in emails. */
  publicUrl: () => string;
  now: () => number;
}

/**
 * Sends invitations that have fallen due, once each. A run claims a batch with a lease (so a
 * crashed run's claims come back), asks the contact policy about each in due order (so earlier
 * sends in the batch count against later ones), writes the outcomes that need no SMTP server
 * at once, and delivers emails in rounds no larger than the SMTP connection pool, each round's
 * outcome (status, decision log, send log) committed before the next round starts.
 */
export class Dispatcher {
  /** Runs wait for start-up recovery, so a run never claims beside claims about to lapse. */
  private ready: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: DispatcherDeps) {}

  async runOnce(limit = this.deps.config.batchSize): Promise<DispatchReport> {
    await this.ready;
    const now = this.deps.now();
    const lease = { until: now + this.deps.config.leaseMs };
    const claimed = await this.claim(now, lease.until, limit);
    const report: DispatchReport = {
      claimed: claimed.length,
      sent: 0,
      delayed: 0,
      skipped: 0,
      retried: 0,
      failed: 0,
      resent: 0,
    };
    const byWorkspace = new Map<string, Invitation[]>();
    for (const invitation of claimed) {
      const list = byWorkspace.get(invitation.workspaceId) ?? [];
      list.push(invitation);
      byWorkspace.set(invitation.workspaceId, list);
    }
    for (const [workspaceId, invitations] of byWorkspace)
      await this.dispatchWorkspace(workspaceId, invitations, now, report, () => this.renew(lease));
    return report;
  }

  /**
   * Called once when a process starts dispatching. With one writer process (an embedded file),
   * any claim found now was left by a run that died, so it lapses at once instead of after its
   * lease: its `sending` messages go out again promptly, with their Message-IDs.
   */
  recover(): Promise<unknown> {
    const { store } = this.deps;
    if (store.capabilities.multiProcessWriters) return this.ready;
    this.ready = store.write([lapseClaims(this.deps.now())]).catch((error: unknown) => {
      this.ready = Promise.resolve(); // the first run reports it; later runs go on without
      throw error;
    });
    return this.ready;
  }

  /** Claims due invitations, and ones whose claim lapsed (their run died), oldest first. */
  private async claim(now: number, leaseUntil: number, limit: number): Promise<Invitation[]> {
    const { store } = this.deps;
    const [result] = await store.write([claimDue(store.capabilities, now, leaseUntil, limit)]);
    return result!.rows.map(toInvitation).sort((a, b) => a.dueAt - b.dueAt || a.id.localeCompare(b.id));
  }

  /** The statement that renews this run's lease once half of it has passed, else none. */
  private renew(lease: { until: number }): SqlStatement[] {
    const { leaseMs } = this.deps.config;
    const now = this.deps.now();
    if (lease.until - now > leaseMs / 2) return [];
    const held = lease.until;
    lease.until = now + leaseMs;
    return [renewLease(held, lease.until)];
  }

  private async dispatchWorkspace(
    workspaceId: string,
    claimed: Invitation[],
    now: number,
    report: DispatchReport,
    renew: () => SqlStatement[],
  ) {
    const policy = await this.deps.policies.get(workspaceId);
    const customers = claimed.map((i) => i.customerId);
    const [contexts, history, alreadySent] = await Promise.all([
      customerContexts(this.deps.store, workspaceId, customers),
      this.history(workspaceId, customers, claimed, policy, now),
      this.alreadySent(workspaceId, claimed),
    ]);
    const surveys = new Map<string, Survey | null>();
    for (const id of new Set(claimed.map((i) => i.surveyId)))
      surveys.set(id, await this.deps.definitions.get(workspaceId, id));

    const planned: { invitation: Invitation; decision: Decision; context: CustomerContext }[] = [];
    for (const invitation of claimed) {
      const context = contexts.get(invitation.customerId)!;
      const survey = surveys.get(invitation.surveyId);
      let decision: Decision;
      if (alreadySent.has(sendKey(invitation))) decision = { decision: 'send' };
      else if (!survey || !survey.active)
        decision = { decision: 'skip', reason: 'expired', detail: 'the survey is inactive or gone' };
      // A crash left it `sending`: the policy already said send and the customer may have it, so
      // it goes out again as the same message rather than being delayed into a second contact.
      else if (invitation.status === 'sending') decision = { decision: 'send' };
      else decision = decide(policy, this.candidate(invitation, context, history), now);
      // One invitation waiting per customer and survey: later ones in a burst are skipped, not queued.
      if (decision.decision === 'delay') history.open.add(pair(invitation.customerId, invitation.surveyId));
      if (decision.decision === 'send') {
        // Later invitations in this batch see this one as a contact already made.
        const key = pair(invitation.customerId, invitation.surveyId);
        history.contacts.set(invitation.customerId, [
          ...(history.contacts.get(invitation.customerId) ?? []),
          now,
        ]);
        history.lastBySurvey.set(key, now);
      }
      planned.push({ invitation, decision, context });
    }

    const execute = ({ invitation, decision, context }: (typeof planned)[number]) =>
      this.execute(invitation, decision, context, surveys.get(invitation.surveyId) ?? null, alreadySent, now);
    const count = (o: Outcome) => {
      if (o.status === 'sent') report.sent++;
      else if (o.status === 'failed') report.failed++;
      else if (o.status === 'skipped' || o.status === 'expired') report.skipped++;
      else if (o.send?.outcome === 'failed') report.retried++;
      else report.delayed++;
      if (o.invitation.status === 'sending' && o.send) report.resent++;
    };

    const viaSmtp = (p: (typeof planned)[number]) =>
      p.decision.decision === 'send' &&
      p.invitation.channel === 'email' &&
      !alreadySent.has(sendKey(p.invitation));
    // Rounds of at most one message per SMTP connection. One commit records what is done and
    // marks the next round `sending` before its SMTP transactions start, so a crash leaves at
    // most one round accepted-but-unrecorded, and its rows are the ones still marked `sending`.
    // The outcomes that need no SMTP server go into the first of these commits.
    let done = await Promise.all(planned.filter((p) => !viaSmtp(p)).map(execute));
    done.forEach(count);
    const queue = planned.filter(viaSmtp);
    const size = Math.min(this.deps.config.concurrency, this.deps.email?.maxConnections ?? 1);
    for (let from = 0; from < queue.length; from += size) {
      const round = queue.slice(from, from + size);
      const next = round.map((p) => p.invitation);
      await this.deps.store.write([...renew(), ...this.record(workspaceId, done, now, next)]);
      done = await Promise.all(round.map(execute));
      done.forEach(count);
    }
    const last = this.record(workspaceId, done, now, []);
    if (last.length > 0) await this.deps.store.write(last);
  }

  private candidate(invitation: Invitation, context: CustomerContext, history: History): Candidate {
    const key = pair(invitation.customerId, invitation.surveyId);
    return {
      channel: invitation.channel,
      expiresAt: invitation.expiresAt,
      unsubscribed: context.unsubscribed,
      email: context.email,
      emailProblem: context.email === null ? null : emailAddressProblem(context.email),
      timezone: context.timezone,
      openForSurvey: history.open.has(key),
      lastForSurvey: history.lastBySurvey.get(key) ?? null,
      contacts: history.contacts.get(invitation.customerId) ?? [],
    };
  }

  /** Delivers (or not) one invitation and says what to write back. */
  private async execute(
    invitation: Invitation,
    decision: Decision,
    context: CustomerContext,
    survey: Survey | null,
    alreadySent: Set<string>,
    now: number,
  ): Promise<Outcome> {
    const base = { invitation, attempts: invitation.attempts, sentAt: null, error: null, send: null };
    const log = (d: Omit<DecisionRow, 'invitationId' | 'customerId' | 'surveyId'>): DecisionRow => ({
      invitationId: invitation.id,
      customerId: invitation.customerId,
      surveyId: invitation.surveyId,
      ...d,
    });
    if (decision.decision === 'skip') {
      const status = decision.reason === 'expired' ? 'expired' : 'skipped';
      return {
        ...base,
        status,
        dueAt: invitation.dueAt,
        reason: decision.reason,
        decision: log({ decision: 'skipped', reason: decision.reason, until: null }),
      };
    }
    if (decision.decision === 'delay') {
      return {
        ...base,
        status: 'scheduled',
        dueAt: decision.until,
        reason: decision.reason,
        decision: log({ decision: 'delayed', reason: decision.reason, until: decision.until }),
      };
    }
    const sent = { ...base, status: 'sent' as const, dueAt: invitation.dueAt, reason: null, sentAt: now };
    if (alreadySent.has(sendKey(invitation))) {
      // The message went out before a crash lost the status update: record it, do not resend.
      return { ...sent, decision: null };
    }
    if (invitation.channel !== 'email') {
      return {
        ...sent,
        decision: log({ decision: 'sent', reason: `${invitation.channel}_ready`, until: null }),
      };
    }
    const attempts = invitation.attempts + 1;
    try {
      if (!this.deps.email) throw new Error('no SMTP server is configured (CXLOOP_SMTP_HOST)');
      const token = await this.deps.invitations.link(invitation, now);
      const url = this.deps.publicUrl().replace(/\/$/, '');
      const email = invitationEmail(survey!, invitation.language, {
        page: `${url}/s/${token}`,
        answer: (q, v) => `${url}/s/${token}?q=${encodeURIComponent(q)}&v=${encodeURIComponent(v)}`,
        unsubscribe: `${url}/u/${token}`,
      });
      await this.deps.email.send({
        ...email,
        to: context.email!,
        messageId: `<${sendKey(invitation)}@cxloop>`,
      });
      return {
        ...sent,
        attempts,
        decision: log({ decision: 'sent', reason: 'email_accepted', until: null }),
        send: { outcome: 'sent', error: null },
      };
    } catch (error) {
      const message = String((error as Error).message ?? error).slice(0, 500);
      const failed = {
        ...base,
        attempts,
        error: message,
        decision: null,
        send: { outcome: 'failed' as const, error: message },
      };
      if (attempts >= this.deps.config.maxAttempts)
        return { ...failed, status: 'failed', dueAt: invitation.dueAt, reason: 'delivery_failed' };
      const wait = retryDelay(attempts, invitation.id, {
        baseMs: this.deps.config.retryBaseMs,
        maxMs: this.deps.config.retryMaxMs,
      });
      return { ...failed, status: 'scheduled', dueAt: now + wait, reason: 'retry' };
    }
  }

  /**
   * The statements that write a group's outcomes and mark the next round `sending`: one UPDATE for
   * all of them (a `sending` row keeps its lease and its other columns), and the two logs.
   */
  private record(workspaceId: string, outcomes: Outcome[], now: number, next: Invitation[]): SqlStatement[] {
    const statements: SqlStatement[] = [];
    const values = [
      ...outcomes.map((o) => [
        o.invitation.id,
        o.status,
        toDate(o.dueAt),
        o.reason,
        o.attempts,
        toDate(o.sentAt),
        o.error,
      ]),
      ...next.map((i) => [i.id, 'sending', toDate(i.dueAt), i.reason, i.attempts, null, null]),
    ];
    for (const insert of insertRows('', '', values)) {
      statements.push({
        sql: `UPDATE survey_invitations AS i SET status = v.status, due_at = v.due_at::TIMESTAMP, reason = v.reason,
                attempts = v.attempts::INTEGER, sent_at = coalesce(v.sent_at::TIMESTAMP, i.sent_at),
                last_error = coalesce(v.error, i.last_error),
                lease_until = CASE WHEN v.status = 'sending' THEN i.lease_until END
              FROM (${insert.sql.trim()}) AS v(id, status, due_at, reason, attempts, sent_at, error)
              WHERE i.workspace_id = $${insert.params!.length + 1} AND i.id = v.id`,
        params: [...insert.params!, workspaceId],
      });
    }
    const decisions = outcomes.flatMap((o) => (o.decision ? [o.decision] : []));
    statements.push(...insertDecisions(workspaceId, decisions, now));
    const sends = outcomes.flatMap((o) =>
      o.send
        ? [
            [
              workspaceId,
              sendKey(o.invitation),
              o.invitation.id,
              o.attempts,
              new Date(now),
              o.send.outcome,
              `<${sendKey(o.invitation)}@cxloop>`,
              o.send.error,
            ],
          ]
        : [],
    );
    statements.push(...insertRows('INSERT INTO invitation_sends', '', sends));
    return statements;
  }

  /** Keys of claimed invitations the send log says went out already (a crash between send and update). */
  private async alreadySent(workspaceId: string, claimed: Invitation[]): Promise<Set<string>> {
    const keys = claimed.filter((i) => i.channel === 'email').map(sendKey);
    if (keys.length === 0) return new Set();
    const rows = await this.deps.store.readRows(
      row({ idempotency_key: text }),
      `SELECT DISTINCT idempotency_key FROM invitation_sends
       WHERE workspace_id = $1 AND outcome = 'sent' AND idempotency_key IN (${placeholders(2, keys.length)})`,
      [workspaceId, ...keys],
    );
    return new Set(rows.map((r) => r.idempotency_key));
  }

  /** Recent contacts and waiting invitations of these customers, outside the claimed batch. */
  private async history(
    workspaceId: string,
    customers: string[],
    claimed: Invitation[],
    policy: ContactPolicy,
    now: number,
  ): Promise<History> {
    const unique = [...new Set(customers)];
    const since = now - Math.max(policy.period, policy.resurveyAfter, policy.minGap);
    const rows = await this.deps.store.readRows(
      row({ id: text, customer_id: text, survey_id: text, status: text, contact_at: nullable(epochMs) }),
      `SELECT id, customer_id, survey_id, status, reason, coalesce(sent_at, dismissed_at) AS contact_at
       FROM survey_invitations
       WHERE workspace_id = $1 AND customer_id IN (${placeholders(3, unique.length)})
         AND ((status = 'sent' AND sent_at > $2) OR (status = 'scheduled' AND reason IS NOT NULL)
              OR status IN ('claimed', 'sending'))`,
      [workspaceId, new Date(since), ...unique],
    );
    const mine = new Set(claimed.map((i) => i.id));
    // Marketing messages of workflows count against the same caps (one contact-pressure policy).
    const others = await this.deps.policies.otherContacts(workspaceId, unique, since);
    const history: History = { contacts: others, lastBySurvey: new Map(), open: new Set() };
    for (const r of rows) {
      if (mine.has(r.id)) continue;
      const customer = r.customer_id;
      const key = pair(customer, r.survey_id);
      // A sent row always has its sent_at, so its contact time is never null.
      if (r.status === 'sent' && r.contact_at !== null) {
        const at = r.contact_at;
        history.contacts.set(customer, [...(history.contacts.get(customer) ?? []), at]);
        history.lastBySurvey.set(key, Math.max(at, history.lastBySurvey.get(key) ?? 0));
      } else history.open.add(key);
    }
    return history;
  }
}
