import { z } from 'zod';
import type { FeedbackRow } from '../../core/ingest/rows.ts';
import type { DomainEvent, StoredDomainEvent } from '../../platform/events/domain-event.ts';

/**
 * `ingest.feedback-stored`: feedback with a comment was stored (over the API, from a survey, or
 * by an import), for subscribers that read comments (text: sentiment and themes). One per batch,
 * in the batch's transaction, carrying only the ids: the subscriber reads each comment as stored,
 * so a retried batch whose duplicates were dropped cannot make it read a text that was never kept.
 * Written only once a subscriber asked for it (`IngestService.watchComments`).
 */
export const FEEDBACK_STORED = 'ingest.feedback-stored';

const payload = z.object({ ids: z.array(z.string()) });

export function commentEvents(workspaceId: string, feedback: readonly FeedbackRow[]): DomainEvent[] {
  const ids: string[] = [];
  for (const f of feedback) if (f.comment !== null && f.comment.trim() !== '') ids.push(f.id);
  return ids.length ? [{ type: FEEDBACK_STORED, workspaceId, payload: { ids } }] : [];
}

/** Reads the payload of an `ingest.feedback-stored` outbox row; a malformed one is an error, not skipped. */
export function storedFeedbackIds(event: StoredDomainEvent): string[] {
  return payload.parse(event.payload).ids;
}
