import { z } from 'zod';
import type { EventRow } from '../../core/ingest/rows.ts';
import type { DomainEvent, StoredDomainEvent } from '../../platform/events/domain-event.ts';

/**
 * `ingest.events-stored`: events were stored that some subscriber watches. One per ingest batch
 * (or per import batch), written in the batch's transaction, carrying only the watched events:
 * the ingest of events nobody watches writes no outbox row at all. The events' own fields travel
 * with it, so a subscriber need not look them up among millions by id. A retried batch carries
 * its events again; subscribers are idempotent.
 */
export const EVENTS_STORED = 'ingest.events-stored';

const watchedEvent = z.object({
  id: z.string(),
  customerId: z.string().nullable(),
  anonymousId: z.string().nullable(),
  name: z.string(),
  touchpoint: z.string().nullable(),
  timestamp: z.number(),
  /** The properties as the store keeps them, JSON text. */
  properties: z.string().nullable(),
});
export type WatchedEvent = z.infer<typeof watchedEvent>;

const eventsStoredPayload = z.object({ events: z.array(watchedEvent) });

/** Reads the payload of an `ingest.events-stored` outbox row; a malformed one is an error, not skipped. */
export function storedEvents(event: StoredDomainEvent): WatchedEvent[] {
  return eventsStoredPayload.parse(event.payload).events;
}

/** The cheap first test of an event: does anyone want it? */
export type EventFilter = (name: string, touchpoint: string | null) => boolean;

/**
 * What a subscriber watches in a workspace, or null for nothing. It is asked before every batch
 * is stored, so it should answer from memory; it must never be staler than the subscriber can
 * afford, since an event it does not watch produces no domain event and is never looked at again.
 */
export type EventInterest = (workspaceId: string) => EventFilter | null | Promise<EventFilter | null>;

/** The interests subscribers declared, and the domain events a batch of rows produces under them. */
export class StoredEventsInterest {
  private readonly interests: EventInterest[] = [];

  declare(interest: EventInterest): void {
    this.interests.push(interest);
  }

  async domainEventsFor(workspaceId: string, events: EventRow[]): Promise<DomainEvent[]> {
    if (events.length === 0 || this.interests.length === 0) return [];
    const filters: EventFilter[] = [];
    for (const interest of this.interests) {
      const filter = await interest(workspaceId);
      if (filter) filters.push(filter);
    }
    if (filters.length === 0) return [];
    const watched: WatchedEvent[] = [];
    for (const e of events) {
      if (!filters.some((watches) => watches(e.name, e.touchpoint))) continue;
      watched.push({
        id: e.id,
        customerId: e.customerId,
        anonymousId: e.anonymousId,
        name: e.name,
        touchpoint: e.touchpoint,
        timestamp: e.timestamp,
        properties: e.properties,
      });
    }
    return watched.length ? [{ type: EVENTS_STORED, workspaceId, payload: { events: watched } }] : [];
  }
}
