import { decide } from '../../core/surveys/policy.ts';
import type { Workflow } from '../../core/workflows/definition.ts';
import type { EffectStep } from '../../core/workflows/machine.ts';
import type { IngestService } from '../ingest/service.ts';
import type { SurveyService } from '../surveys/service.ts';
import { emailChannel, type EmailSender } from '../../platform/messaging/email.ts';
import type { Messenger } from '../../platform/messaging/messenger.ts';
import { webhookChannel } from '../../platform/messaging/webhook.ts';
import type { Consents } from './consent.ts';
import type { CustomerFacts } from './customer-facts.ts';
import { effectKey } from './ids.ts';
import { renderTemplate } from './templates.ts';

/** What a step's side effect came to; `delayed` runs the same step again at `until`. */
export type EffectOutcome =
  | { outcome: 'sent' | 'suppressed' | 'invited' | 'trait_set' | 'started'; detail: string; purpose?: string }
  | { outcome: 'delayed'; until: number; detail: string; purpose?: string };

/** The run an effect belongs to, as far as effects need it. */
export interface EffectRun {
  id: string;
  visit: number;
  customerId: string;
  context: Record<string, unknown>;
}

/** Template data another capability adds under its own root (recommendations, ...). */
export type TemplateData = (workspaceId: string, customerId: string, now: number) => Promise<unknown>;

export interface EffectDeps {
  messenger: Messenger;
  consents: Consents;
  surveys: SurveyService;
  ingest: IngestService;
  email: () => EmailSender | null;
  publicUrl: () => string;
  now: () => number;
  providers: Map<string, TemplateData>;
  startWorkflow: (workspaceId: string, workflowId: string, run: EffectRun, cause: string) => Promise<boolean>;
  /** Whether the customer was erased: nothing may reach them again (platform/privacy). */
  erased: (workspaceId: string, customerId: string) => Promise<boolean>;
  /** Workflow marketing messages already sent to a customer since an instant (for the policy). */
  marketingContacts: (workspaceId: string, customerId: string, since: number) => Promise<number[]>;
}

/** How long a marketing message may be held back by the policy before it is suppressed instead. */
const MARKETING_HOLD_MS = 7 * 86_400_000;

/**
 * Performs one step's side effect, once per run and visit: the idempotency key `wf:<run>:<visit>`
 * is the send log's key, the email's Message-ID and the webhook's webhook-id, so a repeat after a
 * crash is recognised (by us, or by the receiver). Throws when delivery failed (the job retries).
 */
export class Effects {
  constructor(private readonly deps: EffectDeps) {}

  async perform(
    workspaceId: string,
    workflow: Workflow,
    step: EffectStep,
    run: EffectRun,
    facts: CustomerFacts,
  ): Promise<EffectOutcome> {
    const key = effectKey(run.id, run.visit);
    const now = this.deps.now();
    // Erasure deletes the customer's runs and refuses their events; a move already claimed when
    // the erasure committed must still not reach them.
    if (await this.deps.erased(workspaceId, run.customerId))
      return { outcome: 'suppressed', detail: 'the customer was erased (data subject request)' };
    switch (step.type) {
      case 'email':
        return this.email(workspaceId, workflow, step.template, run, facts, key, now);
      case 'webhook': {
        const channel = webhookChannel({ now: this.deps.now });
        const payload = {
          type: 'workflow.step',
          timestamp: new Date(now).toISOString(),
          data: {
            workflow: workflow.id,
            step: step.id,
            run: run.id,
            customerId: run.customerId,
            event: run.context,
          },
        };
        const sent = await this.deps.messenger.send(
          workspaceId,
          channel,
          { url: step.url, secret: step.secret, id: key, payload },
          key,
        );
        // No purpose: a webhook reaches a system, not the customer, so it is no contact to count.
        return { outcome: 'sent', detail: sent === 'already_sent' ? 'webhook (already sent)' : 'webhook' };
      }
      case 'survey': {
        const issued = await this.deps.surveys.invitations.create(
          workspaceId,
          step.survey,
          { customerId: run.customerId, channel: 'email', idempotencyKey: key },
          now,
        );
        return {
          outcome: 'invited',
          detail: `invitation ${issued.invitation.id} (the survey's contact policy decides when it goes)`,
        };
      }
      case 'set_trait':
        await this.deps.ingest.own(
          workspaceId,
          'identifies',
          { customerId: run.customerId, traits: { [step.trait]: step.value } },
          now,
        );
        return { outcome: 'trait_set', detail: `${step.trait} = ${JSON.stringify(step.value)}` };
      case 'start_workflow': {
        const started = await this.deps.startWorkflow(workspaceId, step.workflow, run, key);
        return {
          outcome: 'started',
          detail: started
            ? `started ${step.workflow}`
            : `${step.workflow} not started (inactive, re-entry or holdout)`,
        };
      }
    }
  }

  private async email(
    workspaceId: string,
    workflow: Workflow,
    templateId: string,
    run: EffectRun,
    facts: CustomerFacts,
    key: string,
    now: number,
  ): Promise<EffectOutcome> {
    const purpose = workflow.purpose;
    if (!facts.email) return { outcome: 'suppressed', detail: 'no_email', purpose };
    if (purpose === 'marketing') {
      const policy = await this.deps.surveys.policies.get(workspaceId);
      const since = now - Math.max(policy.period, policy.minGap);
      const [invitations, others] = await Promise.all([
        this.deps.surveys.policies.invitationContacts(workspaceId, run.customerId, since),
        this.deps.marketingContacts(workspaceId, run.customerId, since),
      ]);
      const decision = decide(
        policy,
        {
          channel: 'email',
          expiresAt: now + MARKETING_HOLD_MS,
          unsubscribed: facts.marketingOptOut,
          email: facts.email,
          timezone: facts.timezone,
          openForSurvey: false,
          lastForSurvey: null,
          contacts: [...invitations, ...others],
        },
        now,
      );
      if (decision.decision === 'skip')
        return {
          outcome: 'suppressed',
          detail: decision.reason === 'unsubscribed' ? 'no_marketing_consent' : decision.reason,
          purpose,
        };
      if (decision.decision === 'delay')
        return { outcome: 'delayed', until: decision.until, detail: decision.reason, purpose };
    }
    const template = workflow.templates[templateId]!;
    const token = await this.deps.consents.token(workspaceId, run.customerId, now);
    const unsubscribe = `${this.deps.publicUrl().replace(/\/$/, '')}/unsubscribe/${token}`;
    const data: Record<string, unknown> = {
      customer: {
        id: run.customerId,
        email: facts.email,
        name: facts.traits.name ?? null,
        first_name:
          facts.traits.firstName ??
          (typeof facts.traits.name === 'string' ? facts.traits.name.split(' ')[0] : null),
        language: facts.language,
        traits: facts.traits,
      },
      event: run.context,
      workflow: { id: workflow.id, name: workflow.name },
      unsubscribe_url: unsubscribe,
    };
    for (const [root, provide] of this.deps.providers)
      data[root] = await provide(workspaceId, run.customerId, now);
    const rendered = await renderTemplate(template, data, facts.language);
    const sender = this.deps.email();
    if (!sender) throw new Error('no SMTP server is configured (CXLOOP_SMTP_HOST)');
    const headers: Record<string, string> = { 'X-Cxloop-Workflow': workflow.id };
    // Transactional mail (an order confirmation) is no list to leave; marketing carries RFC 8058 one-click.
    if (purpose === 'marketing') {
      headers['List-Unsubscribe'] = `<${unsubscribe}>`;
      headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
    }
    const sent = await this.deps.messenger.send(
      workspaceId,
      emailChannel(sender),
      {
        to: facts.email,
        subject: rendered.subject,
        html: rendered.html,
        text: rendered.text,
        headers,
        messageId: `<${key.replaceAll(':', '.')}@cxloop>`,
      },
      key,
    );
    const bypass =
      purpose === 'transactional'
        ? '; transactional: the contact policy and marketing consent do not apply'
        : '';
    return {
      outcome: 'sent',
      detail: `email "${templateId}" (${rendered.language})${sent === 'already_sent' ? ' already sent' : ''}${bypass}`,
      purpose,
    };
  }
}
