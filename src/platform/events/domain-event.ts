/**
 * A domain event: something was stored that others must act on (a survey trigger, a workflow
 * step, a case rule, an alert). Producers hand these to the store with the data that caused them,
 * and the store appends them to its outbox in the same transaction: if the data is committed, so
 * is the event, and a crash after the reply cannot lose it.
 */
export interface DomainEvent {
  /** Dotted, owned by the producing capability: `ingest.events-stored`. */
  type: string;
  workspaceId: string;
  /** Anything JSON can carry; each subscriber parses the payload of the types it takes. */
  payload: unknown;
}

/** A domain event as the outbox holds it: numbered in commit order. */
export interface StoredDomainEvent extends DomainEvent {
  /** Increases in commit order, so a reader that has seen `seq` has seen everything before it. */
  seq: number;
  createdAt: number;
}

/** A subscriber's place in the outbox, held by one delivery at a time. */
export interface HeldCursor {
  /** The last `seq` this subscriber has handled (0 before the first). */
  readonly position: number;
  /** Moves the cursor forward; takes effect when the hold ends without an error. */
  advance(to: number): Promise<void>;
}
