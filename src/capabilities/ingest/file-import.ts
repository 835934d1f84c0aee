import { createReadStream } from 'node:fs';
import { dedupeWithinBatch } from '../../core/ingest/batch.ts';
import type { FieldIssue } from '../../core/issues.ts';
import {
  normalizeEvent,
  normalizeFeedback,
  normalizeIdentify,
  type NormalizeContext,
} from '../../core/ingest/normalize.ts';
import { normalizeSegment } from '../../core/ingest/segment.ts';
import type { IngestRows } from '../../core/ingest/batch.ts';
import { illFormedIssue } from '../../core/ingest/well-formed.ts';
import { readItems } from './file-records.ts';
import type { Services } from '../graph.ts';
import type { IngestBatch } from '../../platform/store/port.ts';

export type ImportKind = 'events' | 'feedback' | 'identify';

export interface Reject {
  line: number;
  issues: FieldIssue[];
}

export interface ImportResult {
  lines: number;
  valid: number;
  rejected: Reject[];
  stored: number;
  duplicates: number;
}

/** CSV columns that are numbers in the canonical shape (everything else stays a string). */
const NUMERIC = new Set(['score']);

/** Lines in the file, for the progress bar's total (cheap next to parsing them). */
async function countLines(path: string): Promise<number> {
  let count = 0;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) count++;
  }
  return count;
}

const SEGMENT_TYPES = new Set(['track', 'identify', 'page', 'screen', 'group', 'alias']);

/** A line of a Segment export or log (one message per line): it says its `type`, or uses `userId`/`event`. */
function isSegmentMessage(item: object): boolean {
  const type = (item as { type?: unknown }).type;
  if (typeof type === 'string') return SEGMENT_TYPES.has(type);
  return 'userId' in item || 'event' in item || 'messageId' in item;
}

type Normalized = { ok: true; rows: IngestRows } | { ok: false; issues: FieldIssue[] };

const single = (kind: keyof IngestRows, row: unknown): Normalized => ({
  ok: true,
  rows: { events: [], feedback: [], identifies: [], [kind]: [row] } as IngestRows,
});

function normalizeLine(kind: ImportKind, item: unknown | Error, ctx: NormalizeContext): Normalized {
  if (item instanceof Error)
    return { ok: false, issues: [{ path: '', code: 'malformed', message: item.message }] };
  const illFormed = illFormedIssue(item);
  if (illFormed) return { ok: false, issues: [illFormed] };
  if (kind !== 'feedback' && item !== null && typeof item === 'object' && isSegmentMessage(item)) {
    // An exported message's timestamp is already corrected; its sentAt is not the time of this import.
    const { sentAt: _sentAt, ...message } = item as Record<string, unknown>;
    const result = normalizeSegment([message], ctx, { indexed: false });
    if (result.rejects.length) return { ok: false, issues: result.rejects.flatMap((r) => r.issues) };
    if (result.anonymous.length) {
      const issue = 'an identify with only an anonymousId is taken over HTTP (/v1/identify), not by import';
      return { ok: false, issues: [{ path: 'userId', code: 'invalid_value', message: issue }] };
    }
    return { ok: true, rows: result.rows };
  }
  if (kind === 'events') {
    const r = normalizeEvent(item, ctx);
    return r.ok ? single('events', r.row) : r;
  }
  if (kind === 'feedback') {
    const r = normalizeFeedback(item, ctx);
    return r.ok ? single('feedback', r.row) : r;
  }
  const r = normalizeIdentify(item, ctx);
  return r.ok ? single('identifies', r.row) : r;
}

const BATCH = 5000;

/**
 * Imports a file in two passes: the first validates every line (so a file with a bad line stores
 * nothing unless `skipInvalid`), the second stores the valid lines in one transaction.
 */
export async function importFile(
  services: Services,
  workspaceId: string,
  path: string,
  kind: ImportKind,
  options: {
    skipInvalid: boolean;
    onProgress?: (phase: 'validate' | 'store', bytesOrLines: number, total: number) => void;
  },
): Promise<ImportResult> {
  const ctx = await services.ingest.context(workspaceId, services.now());
  const total = await countLines(path);
  const rejected: Reject[] = [];
  let lines = 0;
  for await (const [line, item] of readItems(path, NUMERIC)) {
    lines++;
    const result = normalizeLine(kind, item, ctx);
    if (!result.ok) rejected.push({ line, issues: result.issues });
    if (lines % 5000 === 0) options.onProgress?.('validate', lines, total);
  }
  const result: ImportResult = { lines, valid: lines - rejected.length, rejected, stored: 0, duplicates: 0 };
  if ((rejected.length && !options.skipInvalid) || result.valid === 0) return result;

  const bad = new Set(rejected.map((r) => r.line));
  let done = 0;
  // A repeated id inside one file is a duplicate like one already stored: the first copy is kept.
  let repeated = 0;
  async function* batches(): AsyncGenerator<IngestBatch> {
    let rows: IngestRows = { events: [], feedback: [], identifies: [] };
    let count = 0;
    // Repeated ids inside one INSERT would fail it; across batches ON CONFLICT catches them.
    const flush = (): IngestBatch => {
      const deduped = dedupeWithinBatch(rows);
      repeated += deduped.duplicates;
      return deduped.rows;
    };
    for await (const [line, item] of readItems(path, NUMERIC)) {
      if (bad.has(line)) continue;
      const normalized = normalizeLine(kind, item, ctx);
      if (!normalized.ok) continue;
      rows.events.push(...normalized.rows.events);
      rows.feedback.push(...normalized.rows.feedback);
      rows.identifies.push(...normalized.rows.identifies);
      if (++count >= BATCH) {
        yield flush();
        done += count;
        options.onProgress?.('store', done, result.valid);
        rows = { events: [], feedback: [], identifies: [] };
        count = 0;
      }
    }
    if (count) yield flush();
  }
  const outcome = await services.ingest.storeAll(workspaceId, batches());
  options.onProgress?.('store', result.valid, result.valid);
  return { ...result, stored: outcome.stored, duplicates: outcome.duplicates + repeated };
}
