import { randomUUID } from 'node:crypto';
import { dedupeWithinBatch, normalizeItems, checkBatchSize, type IngestRows } from '../core/ingest/batch.ts';
import { InputError } from '../core/issues.ts';
import type { NormalizeContext } from '../core/ingest/normalize.ts';
import { normalizeSegment, segmentBatch } from '../core/ingest/segment.ts';
import { zodIssues } from '../core/issues.ts';
import type { JourneyService } from '../journeys/service.ts';
import type { IngestOutcome, Store } from '../store/port.ts';

export interface IngestReply extends IngestOutcome {
  /** Items in the request. */
  received: number;
}

export type OwnKind = 'events' | 'feedback' | 'identifies';
export type SegmentCall = 'track' | 'identify' | 'batch';

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
  ) {}

  async context(workspaceId: string, now: number): Promise<NormalizeContext> {
    return { journey: await this.journeys.get(workspaceId), now, newId: randomUUID };
  }

  /** Stores rows that are already valid; repeated ids (in the batch or stored before) count as duplicates. */
  async storeRows(workspaceId: string, rows: IngestRows): Promise<IngestReply> {
    const received = rows.events.length + rows.feedback.length + rows.identifies.length;
    const { rows: unique, duplicates } = dedupeWithinBatch(rows);
    const outcome = await this.store.ingest(workspaceId, unique);
    for (const listener of this.listeners) listener(workspaceId, unique);
    return { received, stored: outcome.stored, duplicates: outcome.duplicates + duplicates };
  }

  onCommitted(listener: CommitListener): void {
    this.listeners.push(listener);
  }

  async own(workspaceId: string, kind: OwnKind, body: unknown, now: number): Promise<IngestReply> {
    const rows = normalizeItems(kind, body, await this.context(workspaceId, now));
    return this.storeRows(workspaceId, rows);
  }

  async segment(workspaceId: string, call: SegmentCall, body: unknown, now: number): Promise<IngestReply> {
    const ctx = await this.context(workspaceId, now);
    let result;
    if (call === 'batch') {
      const parsed = segmentBatch.safeParse(body);
      if (!parsed.success) throw new InputError(zodIssues(parsed.error));
      checkBatchSize(parsed.data.batch);
      result = normalizeSegment(parsed.data.batch, ctx, {
        batchSentAt: parsed.data.sentAt,
        batchContext: parsed.data.context,
        indexed: true,
      });
    } else {
      result = normalizeSegment([body], ctx, { forcedType: call, indexed: false });
    }
    if (result.issues.length) throw new InputError(result.issues);
    return this.storeRows(workspaceId, result.rows);
  }
}
