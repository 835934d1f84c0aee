import { classify } from '../../core/answers/classifier.ts';
import { answerLanguage, contextualAnswer, type ContextualAnswer } from '../../core/answers/contextual.ts';
import { INTENT_ARTICLE_TAG, isIntent, type Intent } from '../../core/answers/intents.ts';
import { latestOrder, RETAIL_ORDER_EVENTS, type CustomerEvent } from '../../core/answers/orders.ts';
import { DomainError } from '../../platform/errors.ts';
import { TokenBuckets } from '../../platform/http/rate-limit.ts';
import type { Store } from '../../platform/store/port.ts';
import { epochMs, json, nullable, row, text } from '../../platform/store/rows.ts';
import type { IngestService } from '../ingest/service.ts';
import type { LinkTokens } from '../surveys/link-tokens.ts';
import type { AskInput, AskReply } from './contract.ts';
import type { KnowledgeBase, StoredArticle } from './knowledge-base.ts';
import { ANSWER_EVENTS, CES_SOURCE, SELF_SERVICE_TOUCHPOINT } from './vocabulary.ts';
import { eventId, verifiedVisitor, whoOf, type Visitor } from './visitor.ts';

const eventRow = row({ name: text, ts: epochMs, properties: nullable(json) });
const turnRow = row({ id: text, name: text, ts: epochMs, properties: nullable(json) });

const ORDER_EVENT_NAMES = Object.values(RETAIL_ORDER_EVENTS);
/** Questions one visitor may ask per minute: enough for a person, too few for a scraper. */
export const QUESTIONS_PER_MINUTE = 10;
/** Articles shown with an answer. */
const ARTICLES = 3;
/**
 * BM25 scores below this are one incidental word in an article's text, not an answer (on the
 * starter articles a matching title or tag scores 14-90, a stray body word 1-3).
 */
const MIN_SCORE = 5;

const record = (v: unknown): Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/**
 * One visitor's conversation with the help widget: questions answered from the customer's own
 * orders (the routine intents) or the knowledge base, votes, hand-offs to a person and the CES
 * answer. Everything is stored as events of the visitor through ingest (so it is on the timeline,
 * at the self-service touchpoint, and a retried request is a duplicate); the hand-off email is
 * sent by a subscriber to those events (handoff-mail.ts), never after the reply.
 */
export class Conversations {
  private readonly buckets: TokenBuckets;

  constructor(
    private readonly store: Store,
    private readonly ingest: IngestService,
    private readonly tokens: LinkTokens,
    private readonly kb: KnowledgeBase,
    now: () => number,
  ) {
    this.buckets = new TokenBuckets(QUESTIONS_PER_MINUTE, now);
  }

  private limit(workspaceId: string, visitor: Visitor) {
    const key = `${workspaceId}\n${visitor.customerId ?? visitor.anonymousId}`;
    const wait = this.buckets.waitSeconds(key);
    if (wait > 0)
      throw new DomainError('rate_limited', `too many questions; ask again in ${wait} s`, {
        code: 'rate_limited',
      });
    this.buckets.take(key);
  }

  private async orderOf(workspaceId: string, customerId: string, now: number) {
    const rows = await this.store.readRows(
      eventRow,
      `SELECT name, ts, properties FROM events
       WHERE workspace_id = $1 AND customer_id = $2 AND name IN (${ORDER_EVENT_NAMES.map((_, i) => `$${i + 3}`).join(', ')})
       ORDER BY ts DESC LIMIT 1000`,
      [workspaceId, customerId, ...ORDER_EVENT_NAMES],
    );
    const events: CustomerEvent[] = rows.map((r) => ({
      name: r.name,
      at: r.ts,
      properties: record(r.properties),
    }));
    return latestOrder(events, now);
  }

  async ask(workspaceId: string, input: AskInput, now: number): Promise<AskReply> {
    const visitor = await verifiedVisitor(this.tokens, workspaceId, input, now);
    this.limit(workspaceId, visitor);
    const kb = await this.kb.load(workspaceId);
    const language = answerLanguage(input.language);
    const result = classify(kb.model, input.question);
    const intent: Intent | null =
      isIntent(result.intent) && result.confidence >= kb.settings.confidence ? result.intent : null;
    const visible = (a: StoredArticle) => a.public || visitor.customerId !== null;
    const inLanguage = (id: string) => {
      const versions = kb.articles.filter((a) => a.id === id && visible(a));
      return (
        versions.find((a) => a.language === language) ??
        versions.find((a) => a.language === 'en') ??
        versions[0]
      );
    };

    let answer: ContextualAnswer | null = null;
    let articles: StoredArticle[] = [];
    if (intent) {
      const order =
        visitor.customerId === null ? undefined : await this.orderOf(workspaceId, visitor.customerId, now);
      answer = contextualAnswer({
        intent,
        order,
        now,
        returnWindowDays: kb.settings.returnWindowDays,
        language,
      });
      const tagged = kb.articles.find((a) => a.tags.includes(INTENT_ARTICLE_TAG[intent]) && visible(a));
      const article = tagged ? inLanguage(tagged.id) : undefined;
      if (article) articles = [article];
    } else {
      const index = kb.indexes.get(language) ?? kb.indexes.get('en');
      const hits =
        index?.search(input.question, {
          includePrivate: visitor.customerId !== null,
          limit: ARTICLES,
          minScore: MIN_SCORE,
        }) ?? [];
      articles = hits.map((h) => inLanguage(h.id)).filter((a): a is StoredArticle => a !== undefined);
    }
    const kind = answer ? 'contextual' : articles.length ? 'articles' : 'none';
    const common = { conversationId: input.conversationId, turnId: input.turnId, language };
    await this.record(workspaceId, visitor, now, [
      {
        key: input.turnId,
        step: 'asked',
        name: ANSWER_EVENTS.asked,
        properties: { ...common, question: input.question },
      },
      {
        key: input.turnId,
        step: 'answered',
        name: ANSWER_EVENTS.answered,
        properties: {
          ...common,
          kind,
          intent,
          confidence: Math.round(result.confidence * 1000) / 1000,
          articles: articles.map((a) => a.id),
          answer: answer?.text ?? null,
        },
      },
    ]);
    const available = kb.settings.supportEmail !== null;
    return {
      conversationId: input.conversationId,
      turnId: input.turnId,
      intent,
      confidence: result.confidence,
      answer: answer && {
        text: answer.text,
        facts: answer.facts,
        link: answer.link,
        personal: answer.personal,
      },
      articles: articles.map((a) => ({ id: a.id, title: a.title, html: a.html })),
      handoff: { offered: kind === 'none' || answer?.handoff === true, available },
    };
  }

  /** The visitor's own turns of one conversation (questions and answers), oldest first. */
  private async turns(workspaceId: string, visitor: Visitor, conversationId: string) {
    const column = visitor.customerId !== null ? 'customer_id' : 'anonymous_id';
    const rows = await this.store.readRows(
      turnRow,
      `SELECT id, name, ts, properties FROM events
       WHERE workspace_id = $1 AND ${column} = $2 AND name IN ($3, $4)
         AND (properties ->> CAST('conversationId' AS VARCHAR)) = CAST($5 AS VARCHAR)
       ORDER BY ts, name DESC LIMIT 200`,
      [
        workspaceId,
        visitor.customerId ?? visitor.anonymousId,
        ANSWER_EVENTS.asked,
        ANSWER_EVENTS.answered,
        conversationId,
      ],
    );
    return rows.map((r) => ({ ...r, properties: record(r.properties) }));
  }

  async vote(
    workspaceId: string,
    input: {
      anonymousId: string;
      customerId?: string;
      userHash?: string;
      conversationId: string;
      turnId: string;
      helped: boolean;
    },
    now: number,
  ) {
    const visitor = await verifiedVisitor(this.tokens, workspaceId, input, now);
    this.limit(workspaceId, visitor);
    const turns = await this.turns(workspaceId, visitor, input.conversationId);
    const answered = turns.find(
      (t) => t.name === ANSWER_EVENTS.answered && t.properties.turnId === input.turnId,
    );
    if (!answered)
      throw new DomainError('not_found', 'no such answer in this conversation', { code: 'no_answer' });
    const reply = await this.record(workspaceId, visitor, now, [
      {
        key: input.turnId,
        step: 'voted',
        name: ANSWER_EVENTS.voted,
        properties: {
          conversationId: input.conversationId,
          turnId: input.turnId,
          helped: input.helped,
          kind: answered.properties.kind ?? null,
          intent: answered.properties.intent ?? null,
          articles: answered.properties.articles ?? [],
        },
      },
    ]);
    return { ok: true as const, stored: reply.stored > 0 };
  }

  async handoff(
    workspaceId: string,
    input: {
      anonymousId: string;
      customerId?: string;
      userHash?: string;
      conversationId: string;
      email?: string;
      message?: string;
    },
    now: number,
  ) {
    const visitor = await verifiedVisitor(this.tokens, workspaceId, input, now);
    this.limit(workspaceId, visitor);
    const kb = await this.kb.load(workspaceId);
    if (kb.settings.supportEmail === null)
      throw new DomainError('conflict', 'this workspace has no support address to hand over to', {
        code: 'no_support_address',
      });
    if (visitor.customerId === null && input.email === undefined)
      throw new DomainError('invalid', 'an anonymous visitor must give an email address for the reply', {
        issues: [{ path: 'email', code: 'required', message: 'where should the team reply?' }],
      });
    const turns = await this.turns(workspaceId, visitor, input.conversationId);
    if (turns.length === 0)
      throw new DomainError('not_found', 'no such conversation', { code: 'no_conversation' });
    const transcript = turns.map((t) =>
      t.name === ANSWER_EVENTS.asked
        ? { who: 'customer', text: String(t.properties.question ?? ''), at: new Date(t.ts).toISOString() }
        : {
            who: 'answers',
            text: String(
              t.properties.answer ??
                (Array.isArray(t.properties.articles)
                  ? `articles: ${t.properties.articles.join(', ') || 'none found'}`
                  : ''),
            ),
            at: new Date(t.ts).toISOString(),
          },
    );
    const reply = await this.record(workspaceId, visitor, now, [
      {
        key: input.conversationId,
        step: 'handoff',
        name: ANSWER_EVENTS.handedOff,
        properties: {
          conversationId: input.conversationId,
          email: input.email ?? null,
          message: input.message ?? null,
          transcript,
        },
      },
    ]);
    return { ok: true as const, stored: reply.stored > 0 };
  }

  /** The CES answer after self-service: feedback at the self-service touchpoint (verified customers). */
  async ces(
    workspaceId: string,
    input: {
      anonymousId: string;
      customerId?: string;
      userHash?: string;
      conversationId: string;
      score: number;
    },
    now: number,
  ) {
    const visitor = await verifiedVisitor(this.tokens, workspaceId, input, now);
    if (visitor.customerId === null)
      throw new DomainError('unauthorized', 'only an identified customer can rate the effort', {
        code: 'identity_not_verified',
        issues: [{ path: 'customerId', code: 'required', message: 'feedback is kept per customer' }],
      });
    const reply = await this.ingest.own(
      workspaceId,
      'feedback',
      {
        batch: [
          {
            id: eventId(visitor, input.conversationId, 'ces'),
            customerId: visitor.customerId,
            touchpoint: SELF_SERVICE_TOUCHPOINT,
            metric: 'ces',
            score: input.score,
            timestamp: new Date(now).toISOString(),
            source: CES_SOURCE,
          },
        ],
      },
      now,
    );
    return { ok: true as const, stored: reply.stored > 0 };
  }

  /**
   * Stores a step of the conversation as the visitor's events at the self-service touchpoint. Ids
   * derive from the visitor, the turn (or conversation) and the step, so a retried request stores
   * nothing twice.
   */
  private record(
    workspaceId: string,
    visitor: Visitor,
    now: number,
    events: { key: string; step: string; name: string; properties: Record<string, unknown> }[],
  ) {
    const who = whoOf(visitor);
    const timestamp = new Date(now).toISOString();
    return this.ingest.own(
      workspaceId,
      'events',
      {
        batch: events.map((e) => ({
          id: eventId(visitor, e.key, e.step),
          ...who,
          name: e.name,
          timestamp,
          properties: e.properties,
        })),
      },
      now,
    );
  }
}
