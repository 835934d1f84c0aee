import { matchesConditions } from '../../core/surveys/conditions.ts';
import { inSample } from '../../core/surveys/sampling.ts';
import { defaultLanguage } from '../../core/surveys/schema.ts';
import { pickLanguage } from '../../core/surveys/text.ts';
import type { TriggerRef } from '../../core/surveys/trigger-index.ts';
import type { StoredDomainEvent } from '../../platform/events/domain-event.ts';
import type { Subscriber } from '../../platform/events/delivery.ts';
import type { Store } from '../../platform/store/port.ts';
import { EVENTS_STORED, storedEvents, type EventFilter, type WatchedEvent } from '../ingest/stored-events.ts';
import { customerContexts, resolveAnonymous } from './customers.ts';
import type { SurveyDefinitions } from './definitions.ts';
import { invitationId } from './ids.ts';
import type { InvitationDraft } from './invitation-rows.ts';
import type { Invitations } from './invitations.ts';

const MAX_EVENTS_PER_PASS = 5000;

interface Match {
  event: WatchedEvent;
  ref: TriggerRef;
}

/**
 * Survey triggers, as a subscriber to `ingest.events-stored`: stored events that a trigger
 * watches become scheduled invitations. The domain event is committed with the events, so an
 * acknowledged event whose trigger matches gets its invitation even if the process dies right
 * after the reply: delivery resumes from this subscriber's cursor at the next start.
 *
 * Delivery is at least once; the invitation id is derived from survey, trigger and event, and
 * an existing id is left alone, so a batch handled twice schedules nothing twice.
 */
export class TriggerSubscriber implements Subscriber {
  readonly name = 'surveys.triggers';
  readonly types = [EVENTS_STORED];
  /** Told how many invitations became due now, so the dispatcher can wake up. */
  onScheduled: (dueNow: number) => void = () => undefined;

  constructor(
    private readonly store: Store,
    private readonly definitions: SurveyDefinitions,
    private readonly invitations: Invitations,
  ) {}

  /** The ingest interest: events whose name or touchpoint an active trigger listens for. */
  interest = async (workspaceId: string): Promise<EventFilter | null> => {
    const index = await this.definitions.index(workspaceId);
    return index.empty ? null : (name, touchpoint) => index.watches(name, touchpoint);
  };

  /**
   * Consecutive domain events of one workspace are matched together (a burst of one-event requests
   * costs a few queries, not a few per request), up to MAX_EVENTS_PER_PASS: the customer look-ups
   * bind one parameter per customer, and an import's batches would otherwise add up past what a
   * statement can take.
   */
  async handle(events: StoredDomainEvent[], now: number): Promise<void> {
    let dueNow = 0;
    let workspaceId = '';
    let pass: WatchedEvent[] = [];
    for (const event of events) {
      const watched = storedEvents(event);
      const full = pass.length + watched.length > MAX_EVENTS_PER_PASS;
      if (pass.length && (event.workspaceId !== workspaceId || full)) {
        dueNow += await this.schedule(workspaceId, pass, now);
        pass = [];
      }
      workspaceId = event.workspaceId;
      pass.push(...watched);
    }
    if (pass.length) dueNow += await this.schedule(workspaceId, pass, now);
    if (dueNow > 0) this.onScheduled(dueNow);
  }

  /** Schedules the invitations these events ask for; returns how many are due now. */
  private async schedule(workspaceId: string, events: WatchedEvent[], now: number): Promise<number> {
    const index = await this.definitions.index(workspaceId);
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
    if (matches.length === 0) return 0;

    const anonymous = matches.filter((m) => m.event.customerId === null).map((m) => m.event.anonymousId!);
    const aliases = await resolveAnonymous(this.store, workspaceId, anonymous);
    // A visitor nobody has identified yet is invited under its anonymous id (in-page surveys).
    const customerOf = (e: WatchedEvent) => e.customerId ?? aliases.get(e.anonymousId!) ?? e.anonymousId!;
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
    return drafts.filter((d) => d.dueAt <= now).length;
  }
}
