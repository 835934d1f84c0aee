import type { DomainEvents } from '../../platform/events/delivery.ts';
import type { SmtpSettings } from '../../platform/messaging/email.ts';
import type { Store } from '../../platform/store/port.ts';
import type { IngestService } from '../ingest/service.ts';
import type { SurveyService } from '../surveys/service.ts';
import { Conversations } from './conversation.ts';
import { HandoffMail } from './handoff-mail.ts';
import { KnowledgeBase } from './knowledge-base.ts';
import { answersReport } from './report.ts';

/**
 * The answers capability: the knowledge base (articles, settings, intent model), the help
 * widget's conversations, the hand-off emails (a subscriber to stored events) and the report.
 * It uses surveys for the workspace's identity-verification secret (the same user hash) and
 * its SMTP settings, and ingest to put every question, answer, vote and hand-off on the timeline.
 */
export class AnswersService {
  readonly kb: KnowledgeBase;
  readonly conversations: Conversations;
  readonly mail: HandoffMail;

  constructor(
    private readonly store: Store,
    ingest: IngestService,
    surveys: SurveyService,
    events: DomainEvents,
    now: () => number,
    smtp: SmtpSettings = surveys.config.smtp,
  ) {
    this.kb = new KnowledgeBase(store);
    this.conversations = new Conversations(store, ingest, surveys.tokens, this.kb, now);
    this.mail = new HandoffMail(store, this.kb, smtp, now);
    ingest.watched.declare(this.mail.interest);
    events.subscribe(this.mail);
  }

  report(workspaceId: string, query: { from?: string; to?: string }, now: number) {
    return answersReport(this.store, workspaceId, query, now);
  }

  close() {
    this.mail.close();
  }
}
