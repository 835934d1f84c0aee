import { randomUUID } from 'node:crypto';
import { normalizeItems, type IngestRows } from '../../core/ingest/batch.ts';
import type { NormalizeContext } from '../../core/ingest/normalize.ts';
import type { IngestCall } from '../../core/ingest/request.ts';
import { inlineValidator, type RequestValidator } from './validator.ts';
import type { JourneyService } from '../journeys/service.ts';
import type { IngestOutcome, Store } from '../../platform/store/port.ts';

export interface IngestReply extends IngestOutcome {
  /** Items in the request. */
  received: number;
}

export type OwnKind = 'events' | 'feedback' | 'identifies';

/**
 * Told about rows once they are committed (duplicates included: listeners must be idempotent).
 * Called on the request's path, so it must only take note and return; slow work goes elsewhere.
 */
export type CommitListener = (workspaceId: string, rows: IngestRows) => void;

/** Validates whole requests, then stores them in one transaction: all of a batch or none of it. */
export class IngestService {
  private readonly listeners: CommitListener[] = [];

  constructor(
    private readonly store: Store,
    private readonly journeys: JourneyService,
    private readonly validator: RequestValidator = inlineValidator,
  ) {}

  async context(workspaceId: string, now: number): Promise<NormalizeContext> {
    return { journey: await this.journeys.get(workspaceId), now, newId: randomUUID };
  }

  /**
   * Stores rows that are already valid; repeated ids (in the batch or stored before) count as
   * duplicates. Every store drops and counts an id repeated within a batch itself.
   */
  async storeRows(workspaceId: string, rows: IngestRows): Promise<IngestReply> {
    const received = rows.events.length + rows.feedback.length + rows.identifies.length;
    const outcome = await this.store.ingest(workspaceId, rows);
    for (const listener of this.listeners) listener(workspaceId, rows);
    return { received, stored: outcome.stored, duplicates: outcome.duplicates };
  }

  onCommitted(listener: CommitListener): void {
    this.listeners.push(listener);
  }

  /** Validates and stores parsed items of our own shapes (the demo loader and other services). */
  async own(workspaceId: string, kind: OwnKind, body: unknown, now: number): Promise<IngestReply> {
    const rows = normalizeItems(kind, body, await this.context(workspaceId, now));
    return this.storeRows(workspaceId, rows);
  }

  /** An HTTP request body, validated by the validator (in worker threads in the server). */
  async receive(workspaceId: string, call: IngestCall, body: Uint8Array, now: number): Promise<IngestReply> {
    const rows = await this.validator.normalize(call, body, await this.journeys.get(workspaceId), now);
    return this.storeRows(workspaceId, rows);
  }
}
