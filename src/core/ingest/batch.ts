import { InputError, type FieldIssue } from '../issues.ts';
import { LIMITS } from './limits.ts';
import { normalizeEvent, normalizeFeedback, normalizeIdentify, type NormalizeContext } from './normalize.ts';
import type { EventRow, FeedbackRow, IdentifyRow } from './rows.ts';

export interface IngestRows {
  events: EventRow[];
  feedback: FeedbackRow[];
  identifies: IdentifyRow[];
}

/**
 * Our own endpoints take one item, an array, or `{"batch": [...]}`. Returns the items and whether
 * the body was a batch (issue paths then carry the item's index).
 */
export function unpackBody(body: unknown): { items: unknown[]; indexed: boolean } {
  if (Array.isArray(body)) return { items: body, indexed: true };
  if (body !== null && typeof body === 'object' && 'batch' in body) {
    const batch = (body as { batch: unknown }).batch;
    if (!Array.isArray(batch)) {
      throw new InputError([{ path: 'batch', code: 'invalid_type', message: 'batch must be an array' }]);
    }
    return { items: batch, indexed: true };
  }
  return { items: [body], indexed: false };
}

export function checkBatchSize(items: unknown[]): void {
  if (items.length === 0)
    throw new InputError([{ path: 'batch', code: 'empty_batch', message: 'the batch is empty' }]);
  if (items.length > LIMITS.batchItems) {
    throw new InputError(
      [
        {
          path: 'batch',
          code: 'batch_too_large',
          message: `at most ${LIMITS.batchItems} items per batch, got ${items.length}`,
        },
      ],
      'batch_too_large',
    );
  }
}

const NORMALIZERS = {
  events: normalizeEvent,
  feedback: normalizeFeedback,
  identifies: normalizeIdentify,
} as const;

/** Validates every item (collecting every problem) and throws one InputError if any is bad. */
export function normalizeItems(kind: keyof IngestRows, body: unknown, ctx: NormalizeContext): IngestRows {
  const { items, indexed } = unpackBody(body);
  checkBatchSize(items);
  const rows: IngestRows = { events: [], feedback: [], identifies: [] };
  const issues: FieldIssue[] = [];
  items.forEach((item, i) => {
    const result = NORMALIZERS[kind](item, ctx, indexed ? i : undefined);
    if (result.ok) (rows[kind] as unknown[]).push(result.row);
    else issues.push(...result.issues);
  });
  if (issues.length) throw new InputError(issues);
  return rows;
}

/** Drops repeated ids inside one batch (the first wins) and says how many were dropped. */
export function dedupeWithinBatch(rows: IngestRows): { rows: IngestRows; duplicates: number } {
  const unique = <T extends { id: string }>(list: T[]) => {
    const seen = new Set<string>();
    return list.filter((row) => !seen.has(row.id) && seen.add(row.id));
  };
  const events = unique(rows.events);
  const feedback = unique(rows.feedback);
  return {
    rows: { events, feedback, identifies: rows.identifies },
    duplicates: rows.events.length - events.length + rows.feedback.length - feedback.length,
  };
}
