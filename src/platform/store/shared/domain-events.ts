import type { DomainEvent } from '../../events/domain-event.ts';
import type { IngestBatch } from '../port.ts';

/**
 * The domain events an ingest batch carries. They must be the batch's own workspace's: a batch
 * that names another could hand that workspace's subscribers data it never sent.
 */
export function batchDomainEvents(workspaceId: string, batch: IngestBatch): DomainEvent[] {
  const events = batch.domainEvents ?? [];
  for (const event of events) {
    if (event.workspaceId !== workspaceId)
      throw new Error(`a domain event for workspace "${event.workspaceId}" in a batch of "${workspaceId}"`);
  }
  return events;
}
