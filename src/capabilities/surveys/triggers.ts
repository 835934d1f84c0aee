import type { IngestRows } from '../../core/ingest/batch.ts';
import type { EventRow } from '../../core/ingest/rows.ts';
import { matchesConditions } from '../../core/surveys/conditions.ts';
import { inSample } from '../../core/surveys/sampling.ts';
import { defaultLanguage } from '../../core/surveys/schema.ts';
import { pickLanguage } from '../../core/surveys/text.ts';
import type { TriggerRef } from '../../core/surveys/trigger-index.ts';
import type { Store } from '../../platform/store/port.ts';
import { customerContexts, resolveAnonymous } from './customers.ts';
import type { SurveyDefinitions } from './definitions.ts';
import { invitationId } from './ids.ts';
import type { InvitationDraft } from './invitation-rows.ts';
import type { Invitations } from './invitations.ts';

interface Match {
  event: EventRow;
  ref: TriggerRef;
}

/**
 * Turns committed events into scheduled invitations. `take` runs on the ingest path and only
 * matches names against the in-memory index; everything that needs the database (traits,
 * aliases, the insert) runs afterwards, one batch at a time, off the request's path.
 */
export class TriggerMatcher {
  private queue: Promise<unknown> = Promise.resolve();
  private pending = 0;
  /** Told how many invitations became due now, so the dispatcher can wake up. */
  onScheduled: (dueNow: number) => void = () => undefined;
  onError: (error: unknown) => void = () => undefined;

  constructor(
    private readonly store: Store,
    private readonly definitions: SurveyDefinitions,
    private readonly invitations: Invitations,
    private readonly now: () => number,
  ) {}

  /** The ingest listener. Never throws and never waits. */
  take = (workspaceId: string, rows: IngestRows): void => {
    if (rows.events.length === 0) return;
    const index = this.definitions.cachedIndex(workspaceId);
    if (index?.empty) return;
    // Cheap filter before queuing: most events match no trigger at all.
    const events = index ? rows.events.filter((e) => index.watches(e.name, e.touchpoint)) : rows.events;
    if (events.length === 0) return;
    this.enqueue(() => this.process(workspaceId, events));
  };

  /** Resolves when every batch handed over so far has been processed (tests and shutdown). */
  async idle(): Promise<void> {
    while (this.pending > 0) await this.queue;
  }

  private enqueue(work: () => Promise<void>) {
    this.pending++;
    this.queue = this.queue
      .then(work)
      .catch((error) => this.onError(error))
      .finally(() => this.pending--);
  }

  private async process(workspaceId: string, events: EventRow[]): Promise<void> {
    const index = await this.definitions.index(workspaceId);
    const now = this.now();
    const matches: Match[] = [];
    for (const event of events) {
      if (!index.watches(event.name, event.touchpoint)) continue;
      const properties = event.properties ? (JSON.parse(event.properties) as unknown) : {};
      for (const ref of index.match({ name: event.name, touchpoint: event.touchpoint, properties })) {
        const due = event.timestamp + ref.trigger.delay;
        // Old events (an import, a late batch) whose invitation would already have expired ask nothing.
        if (due + ref.trigger.expiresAfter <= now) continue;
        if (!inSample(ref.trigger.sample, `${workspaceId}:${ref.survey.id}:${ref.trigger.id}:${event.id}`))
          continue;
        matches.push({ event, ref });
      }
    }
    if (matches.length === 0) return;

    const anonymous = matches.filter((m) => m.event.customerId === null).map((m) => m.event.anonymousId!);
    const aliases = await resolveAnonymous(this.store, workspaceId, anonymous);
    // A visitor nobody has identified yet is invited under its anonymous id (in-page surveys).
    const customerOf = (e: EventRow) => e.customerId ?? aliases.get(e.anonymousId!) ?? e.anonymousId!;
    const contexts = await customerContexts(
      this.store,
      workspaceId,
      matches.map((m) => customerOf(m.event)),
    );

    const drafts: InvitationDraft[] = [];
    for (const { event, ref } of matches) {
      const customerId = customerOf(event);
      const context = contexts.get(customerId)!;
      if (!matchesConditions(ref.trigger.traits, context.traits)) continue;
      const dueAt = Math.max(now, event.timestamp + ref.trigger.delay);
      drafts.push({
        id: invitationId(workspaceId, `${ref.survey.id}:${ref.trigger.id}:${event.id}`),
        surveyId: ref.survey.id,
        triggerId: ref.trigger.id,
        customerId,
        channel: ref.trigger.channel,
        eventId: event.id,
        language: pickLanguage(context.language, ref.survey.languages, defaultLanguage(ref.survey)),
        dueAt,
        expiresAt: event.timestamp + ref.trigger.delay + ref.trigger.expiresAfter,
        status: 'scheduled',
      });
    }
    await this.invitations.schedule(workspaceId, drafts, now);
    const dueNow = drafts.filter((d) => d.dueAt <= now).length;
    if (dueNow > 0) this.onScheduled(dueNow);
  }
}
