import type { Subscriber } from '../../platform/events/delivery.ts';
import type { StoredDomainEvent } from '../../platform/events/domain-event.ts';
import {
  emailChannel,
  smtpSender,
  type EmailSender,
  type OutgoingEmail,
  type SmtpSettings,
} from '../../platform/messaging/email.ts';
import { Messenger } from '../../platform/messaging/messenger.ts';
import type { Store } from '../../platform/store/port.ts';
import { EVENTS_STORED, storedEvents, type EventFilter, type WatchedEvent } from '../ingest/stored-events.ts';
import type { KnowledgeBase } from './knowledge-base.ts';
import { ANSWER_EVENTS } from './vocabulary.ts';

interface Line {
  who: string;
  text: string;
  at: string;
}

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The hand-off email: who asked, how to reach them, and the conversation as it happened. */
export function handoffEmail(to: string, event: WatchedEvent, workspaceId: string): OutgoingEmail {
  const p = JSON.parse(event.properties ?? '{}') as Record<string, unknown>;
  const lines: Line[] = Array.isArray(p.transcript) ? (p.transcript as Line[]) : [];
  const who = event.customerId ? `customer ${event.customerId}` : `anonymous visitor ${event.anonymousId}`;
  const replyTo = typeof p.email === 'string' ? p.email : null;
  const message = typeof p.message === 'string' && p.message !== '' ? p.message : null;
  const head = [
    `Self-service could not help ${who}.`,
    replyTo ? `Reply to: ${replyTo}` : 'Reply to: the address your shop holds for this customer',
    message ? `Their message: ${message}` : null,
    `Conversation ${String(p.conversationId)}:`,
  ].filter((l): l is string => l !== null);
  const headers: Record<string, string> = {};
  if (replyTo) headers['Reply-To'] = replyTo;
  const text = [...head, ...lines.map((l) => `[${l.at}] ${l.who}: ${l.text}`)].join('\n');
  const html = `${head.map((l) => `<p>${escape(l)}</p>`).join('')}<ol>${lines
    .map((l) => `<li><b>${escape(l.who)}</b> <small>${escape(l.at)}</small><br>${escape(l.text)}</li>`)
    .join('')}</ol>`;
  return {
    to,
    subject: `Help request from ${who}`,
    text,
    html,
    headers,
    messageId: `<${event.id}.${workspaceId}@answers.cxloop>`,
  };
}

/**
 * Hand-offs become emails to the workspace's support address, as a subscriber to the stored
 * events: the hand-off event is committed before the visitor is told "handed over", and the email
 * follows even if the process dies right after. Delivery is at least once, so the send goes
 * through the messenger's idempotency key (the event's id): a batch handled twice sends once.
 * An SMTP server that refuses makes the handler fail, and delivery retries it with backoff.
 */
export class HandoffMail implements Subscriber {
  readonly name = 'answers.handoff-mail';
  readonly types = [EVENTS_STORED];
  private sender: EmailSender | null = null;
  private readonly messenger: Messenger;

  constructor(
    private readonly store: Store,
    private readonly kb: KnowledgeBase,
    private readonly smtp: SmtpSettings,
    now: () => number,
  ) {
    this.messenger = new Messenger(store, now);
  }

  interest = (): EventFilter => (name) => name === ANSWER_EVENTS.handedOff;

  async handle(events: StoredDomainEvent[]): Promise<void> {
    for (const domainEvent of events) {
      for (const event of storedEvents(domainEvent)) {
        if (event.name !== ANSWER_EVENTS.handedOff) continue;
        const { settings } = await this.kb.load(domainEvent.workspaceId);
        // The address was removed after the hand-off was accepted: nobody to tell; the event stays.
        if (settings.supportEmail === null) continue;
        this.sender ??= smtpSender(this.smtp);
        if (!this.sender)
          throw new Error('a hand-off is waiting but no SMTP server is configured (CXLOOP_SMTP_HOST)');
        const email = handoffEmail(settings.supportEmail, event, domainEvent.workspaceId);
        await this.messenger.send(
          domainEvent.workspaceId,
          emailChannel(this.sender),
          email,
          `answers-handoff:${event.id}`,
        );
      }
    }
  }

  close() {
    this.sender?.close();
    this.sender = null;
  }
}
