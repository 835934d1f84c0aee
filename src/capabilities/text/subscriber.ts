import type { Subscriber } from '../../platform/events/delivery.ts';
import type { StoredDomainEvent } from '../../platform/events/domain-event.ts';
import type { Store } from '../../platform/store/port.ts';
import { FEEDBACK_STORED, storedFeedbackIds } from '../ingest/stored-comments.ts';
import { analyseFeedback } from './comments.ts';
import { refreshDiscovered } from './themes.ts';

/**
 * Reads every comment that was stored: `ingest.feedback-stored` is written in the same
 * transaction as the feedback, so an acknowledged comment gets its sentiment and stems even if
 * the process dies right after the reply (delivery resumes from this subscriber's cursor). At
 * least once and idempotent: a comment already read by the current model is skipped. After a
 * workspace's comments have grown by a fifth, its themes are discovered again.
 */
export class CommentSubscriber implements Subscriber {
  readonly name = 'text.comments';
  readonly types = [FEEDBACK_STORED];

  constructor(private readonly store: Store) {}

  async handle(events: StoredDomainEvent[], now: number): Promise<void> {
    const byWorkspace = new Map<string, string[]>();
    for (const event of events) {
      const ids = byWorkspace.get(event.workspaceId) ?? [];
      ids.push(...storedFeedbackIds(event));
      byWorkspace.set(event.workspaceId, ids);
    }
    for (const [workspaceId, ids] of byWorkspace) {
      await analyseFeedback(this.store, workspaceId, ids, now);
      await refreshDiscovered(this.store, workspaceId, now);
    }
  }
}
