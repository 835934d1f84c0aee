import { createReadStream } from 'node:fs';
import { dedupeWithinBatch } from '../../core/ingest/batch.ts';
import type { FieldIssue } from '../../core/issues.ts';
import { normalizeEvent, normalizeFeedback, type NormalizeContext } from '../../core/ingest/normalize.ts';
import { illFormedIssue } from '../../core/ingest/well-formed.ts';
import type { EventRow, FeedbackRow } from '../../core/ingest/rows.ts';
import type { Services } from '../graph.ts';
import type { IngestBatch } from '../../platform/store/port.ts';
import { readItems } from './file-records.ts';

export type ImportKind = 'events' | 'feedback';

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

type Row = EventRow | FeedbackRow;

/** Lines in the file, for the progress bar's total (cheap next to parsing them). */
async function countLines(path: string): Promise<number> {
  let count = 0;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) count++;
  }
  return count;
}

function normalizeLine(
  kind: ImportKind,
  item: unknown | Error,
  ctx: NormalizeContext,
): { ok: true; row: Row } | { ok: false; issues: FieldIssue[] } {
  if (item instanceof Error)
    return { ok: false, issues: [{ path: '', code: 'malformed', message: item.message }] };
  const illFormed = illFormedIssue(item);
  if (illFormed) return { ok: false, issues: [illFormed] };
  return kind === 'events' ? normalizeEvent(item, ctx) : normalizeFeedback(item, ctx);
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
  async function* batches(): AsyncGenerator<IngestBatch> {
    let rows: Row[] = [];
    // Repeated ids inside one INSERT would fail it; across batches ON CONFLICT catches them.
    const flush = (): IngestBatch =>
      dedupeWithinBatch(
        kind === 'events'
          ? { events: rows as EventRow[], feedback: [], identifies: [] }
          : { events: [], feedback: rows as FeedbackRow[], identifies: [] },
      ).rows;
    for await (const [line, item] of readItems(path, NUMERIC)) {
      if (bad.has(line)) continue;
      const normalized = normalizeLine(kind, item, ctx);
      if (normalized.ok) rows.push(normalized.row);
      if (rows.length >= BATCH) {
        yield flush();
        done += rows.length;
        options.onProgress?.('store', done, result.valid);
        rows = [];
      }
    }
    if (rows.length) yield flush();
  }
  const outcome = await services.ingest.storeAll(workspaceId, batches());
  options.onProgress?.('store', result.valid, result.valid);
  return { ...result, stored: outcome.stored, duplicates: outcome.duplicates };
}
