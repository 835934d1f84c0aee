import { randomUUID } from 'node:crypto';
import { normalizeItems, type IngestRows } from '../../core/ingest/batch.ts';
import type { NormalizeContext } from '../../core/ingest/normalize.ts';
import { isSegmentCall, type IngestCall } from '../../core/ingest/request.ts';
import { normalizeSegment, type SegmentType } from '../../core/ingest/segment.ts';
import { InputError, type FieldIssue } from '../../core/issues.ts';
import { LIMITS } from '../../core/ingest/limits.ts';
import { AnonymousTraits } from './anonymous-traits.ts';
import { RejectsLog } from './rejects-log.ts';
import { inlineValidator, type RequestValidator } from './validator.ts';
import type { JourneyService } from '../journeys/service.ts';
import type { DomainEvents } from '../../platform/events/delivery.ts';
import type {
  IngestBatch,
  IngestOutcome,
  SqlStatement,
  Store,
  WriteResult,
} from '../../platform/store/port.ts';
import { StoredEventsInterest } from './stored-events.ts';
import { commentEvents } from './stored-comments.ts';
import type { FeedbackRow } from '../../core/ingest/rows.ts';
import type { DomainEvent } from '../../platform/events/domain-event.ts';
import { refuseErased } from './erased-customers.ts';
import type { Suppressions } from '../../platform/privacy/suppression.ts';

export interface IngestReply extends IngestOutcome {
  /** Items in the request. */
  received: number;
  /** Segment-compatible calls only, when some messages were refused: how many, and why. */
  rejected?: number;
  rejects?: { index: number; issues: FieldIssue[] }[];
  /** Identifies whose anonymous id already belonged to another customer, so linked nothing. */
  notLinked?: NotLinked[];
}

export interface NotLinked {
  anonymousId: string;
  customerId: string;
  reason: 'anonymous_id_of_another_customer';
}

export type OwnKind = 'events' | 'feedback' | 'identifies';

/**
 * Validates whole requests, then stores them in one transaction: all of a batch or none of it.
 * Events that a subscriber watches (see `watched`) also produce an `ingest.events-stored` domain
 * event in that transaction, so what they should cause survives a crash right after the reply.
 */
export class IngestService {
  /** Subscribers to `ingest.events-stored` declare here which events they want. */
  readonly watched = new StoredEventsInterest();
  /** Messages the Segment-compatible calls refused while storing the rest of their request. */
  readonly rejectsLog: RejectsLog;
  private readonly anonymousTraits: AnonymousTraits;
  /** Whether a subscriber reads comments: then feedback with one produces `ingest.feedback-stored`. */
  private commentsWatched = false;

  constructor(
    private readonly store: Store,
    private readonly journeys: JourneyService,
    private readonly validator: RequestValidator = inlineValidator,
    /** Told when domain events were committed, so delivery in this process starts at once. */
    private readonly events?: DomainEvents,
    /** The earliest timestamp accepted (CXLOOP_INGEST_EARLIEST); LIMITS.earliest when not set. */
    private readonly earliest?: number,
    /** Erased customers (platform/privacy): a request naming one is refused before anything is stored. */
    private readonly suppressions?: Suppressions,
  ) {
    this.rejectsLog = new RejectsLog(store);
    this.anonymousTraits = new AnonymousTraits(store);
  }

  /** A subscriber that reads comments (text) asks for `ingest.feedback-stored` here. */
  watchComments(): void {
    this.commentsWatched = true;
  }

  private async domainEventsFor(
    workspaceId: string,
    events: IngestRows['events'],
    feedback: readonly FeedbackRow[],
  ) {
    const watched = await this.watched.domainEventsFor(workspaceId, events);
    const comments: DomainEvent[] = this.commentsWatched ? commentEvents(workspaceId, feedback) : [];
    return comments.length ? [...watched, ...comments] : watched;
  }

  async context(workspaceId: string, now: number): Promise<NormalizeContext> {
    const earliest = this.earliest === undefined ? {} : { earliest: this.earliest };
    return { journey: await this.journeys.get(workspaceId), now, newId: randomUUID, ...earliest };
  }

  /**
   * Stores rows that are already valid; repeated ids (in the batch or stored before) count as
   * duplicates. Every store drops and counts an id repeated within a batch itself.
   */
  async storeRows(workspaceId: string, rows: IngestRows): Promise<IngestReply> {
    return (await this.storeRowsWith(workspaceId, rows, [])).reply;
  }

  /** `storeRows` with statements that commit in the same transaction; their results come back. */
  private async storeRowsWith(workspaceId: string, rows: IngestRows, statements: SqlStatement[]) {
    const received = rows.events.length + rows.feedback.length + rows.identifies.length;
    if (this.suppressions) await refuseErased(this.suppressions, workspaceId, rows);
    const domainEvents = await this.domainEventsFor(workspaceId, rows.events, rows.feedback);
    const outcome = await this.store.ingest(workspaceId, {
      ...rows,
      ...(domainEvents.length ? { domainEvents } : {}),
      ...(statements.length ? { statements } : {}),
    });
    if (domainEvents.length) this.events?.notify();
    const notLinked = await this.notLinked(workspaceId, rows.identifies);
    const reply: IngestReply = {
      received,
      stored: outcome.stored,
      duplicates: outcome.duplicates,
      ...(notLinked.length ? { notLinked } : {}),
    };
    return { reply, results: outcome.results ?? [] };
  }

  /**
   * An anonymous id keeps the first customer it was linked to (re-linking would rewrite that
   * customer's history), so an identify naming it for another customer links nothing: said in
   * the reply, read after the commit. The other customer is not named: the ingest key is public.
   */
  private async notLinked(workspaceId: string, identifies: IngestRows['identifies']): Promise<NotLinked[]> {
    const asked = identifies.filter((i) => i.anonymousId !== null);
    if (asked.length === 0) return [];
    const ids = [...new Set(asked.map((i) => i.anonymousId!))];
    const rows = await this.store.read(
      `SELECT anonymous_id, customer_id FROM aliases WHERE workspace_id = $1 AND anonymous_id IN (${ids.map((_, i) => `$${i + 2}`).join(', ')})`,
      [workspaceId, ...ids],
    );
    const owner = new Map(rows.map((r) => [String(r.anonymous_id), String(r.customer_id)]));
    const seen = new Set<string>();
    return asked.flatMap((i) => {
      const key = `${i.anonymousId}\u0000${i.customerId}`;
      const linked = owner.get(i.anonymousId!);
      if (linked === undefined || linked === i.customerId || seen.has(key)) return [];
      seen.add(key);
      return [
        {
          anonymousId: i.anonymousId!,
          customerId: i.customerId,
          reason: 'anonymous_id_of_another_customer' as const,
        },
      ];
    });
  }

  /**
   * Stores many batches in one transaction (file and wide-survey imports), each with the domain
   * events a batch of the API would produce.
   */
  async storeAll(workspaceId: string, batches: AsyncIterable<IngestBatch>): Promise<IngestOutcome> {
    let produced = false;
    const domainEventsFor = this.domainEventsFor.bind(this);
    async function* withDomainEvents(): AsyncGenerator<IngestBatch> {
      for await (const batch of batches) {
        const domainEvents = await domainEventsFor(workspaceId, batch.events, batch.feedback);
        produced ||= domainEvents.length > 0;
        yield domainEvents.length ? { ...batch, domainEvents } : batch;
      }
    }
    const outcome = await this.store.ingestAll(workspaceId, withDomainEvents());
    if (produced) this.events?.notify();
    return outcome;
  }

  /** Validates and stores parsed items of our own shapes (the demo loader and other services). */
  async own(workspaceId: string, kind: OwnKind, body: unknown, now: number): Promise<IngestReply> {
    const rows = normalizeItems(kind, body, await this.context(workspaceId, now));
    return this.storeRows(workspaceId, rows);
  }

  /**
   * `own`, with statements that must commit with the rows, through the same group commit as every
   * ingest call: survey answers store their answers and scores together this way, one transaction
   * for many submissions instead of one each.
   */
  async ownWith(
    workspaceId: string,
    kind: OwnKind,
    items: unknown[],
    now: number,
    statements: SqlStatement[],
  ): Promise<{ reply: IngestReply; results: WriteResult[] }> {
    const rows: IngestRows = { events: [], feedback: [], identifies: [] };
    const context = await this.context(workspaceId, now);
    // No items is fine here (the statements still run); many are checked a batch's worth at a time.
    for (let from = 0; from < items.length; from += LIMITS.batchItems) {
      const part = normalizeItems(kind, { batch: items.slice(from, from + LIMITS.batchItems) }, context);
      rows[kind].push(...(part[kind] as never[]));
    }
    return this.storeRowsWith(workspaceId, rows, statements);
  }

  /**
   * An HTTP request body, validated by the validator (in worker threads in the server). `now` is
   * when the request arrived: Segment's clock-skew correction is relative to it.
   *
   * Our own calls store all or nothing. The Segment-compatible ones store the valid messages and
   * log the others (real SDKs drop a whole batch on a 400); a single-message call whose message is
   * refused is still a 400, after the message was logged.
   */
  async receive(workspaceId: string, call: IngestCall, body: Uint8Array, now: number): Promise<IngestReply> {
    const journey = await this.journeys.get(workspaceId);
    const result = await this.validator.normalize(call, body, journey, now, this.earliest);
    const { rejects, anonymous } = result;
    if (this.suppressions) await refuseErased(this.suppressions, workspaceId, result.rows, anonymous);
    if (rejects.length) await this.rejectsLog.log(workspaceId, call, rejects, now);
    if (rejects.length && call !== 'batch') throw new InputError(rejects.flatMap((r) => r.issues));
    const merged = await this.anonymousTraits.merge(workspaceId, result.rows, anonymous);
    const reply = await this.storeRows(workspaceId, merged.rows);
    const received = reply.received - merged.added + anonymous.length + rejects.length;
    const stored = reply.stored - merged.added + merged.stored;
    const duplicates = reply.duplicates + anonymous.length - merged.stored;
    const linked = reply.notLinked ? { notLinked: reply.notLinked } : {};
    if (!isSegmentCall(call) || rejects.length === 0) return { received, stored, duplicates, ...linked };
    return {
      received,
      stored,
      duplicates,
      ...linked,
      rejected: rejects.length,
      rejects: rejects.map((r) => ({ index: r.index, issues: r.issues })),
    };
  }

  /**
   * Validates logged rejects again (all waiting ones, or `ids`) under today's journey map and
   * limits, stores those valid now (a re-sent message id is a duplicate, as always) and marks them
   * replayed. Each is judged as a message of its own: the batch's sentAt was not kept, so its
   * timestamp is the one it carries.
   */
  async replayRejects(
    workspaceId: string,
    ids: string[] | undefined,
    now: number,
  ): Promise<{ replayed: number; stillRejected: { id: string; issues: FieldIssue[] }[] }> {
    const records = ids
      ? (await Promise.all(ids.map((id) => this.rejectsLog.get(workspaceId, id)))).filter((r) => r !== null)
      : (await this.rejectsLog.list(workspaceId, { limit: 10_000 })).filter((r) => r.replayedAt === null);
    const ctx = await this.context(workspaceId, now);
    const stillRejected: { id: string; issues: FieldIssue[] }[] = [];
    const replayed: string[] = [];
    for (const record of records) {
      const type =
        record.call === 'batch' || !isSegmentCall(record.call as IngestCall) ? undefined : record.call;
      const result = normalizeSegment(
        [record.message],
        { ...ctx, now: record.receivedAt },
        {
          indexed: false,
          ...(type ? { forcedType: type as SegmentType } : {}),
        },
      );
      if (result.rejects.length) {
        stillRejected.push({ id: record.id, issues: result.rejects.flatMap((r) => r.issues) });
        continue;
      }
      const merged = await this.anonymousTraits.merge(workspaceId, result.rows, result.anonymous);
      await this.storeRows(workspaceId, merged.rows);
      replayed.push(record.id);
    }
    await this.rejectsLog.markReplayed(workspaceId, replayed, now);
    return { replayed: replayed.length, stillRejected };
  }
}
