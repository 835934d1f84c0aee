/**
 * Imports wide survey exports (CSV, one row per respondent) through the ingest path: each row is
 * mapped to canonical items (core/wide-survey), validated by the same normalisers the API uses, and
 * everything is stored in one transaction. A row with a problem is a reject with its file and line;
 * unless `skipInvalid`, one reject means nothing is stored (the transaction is rolled back).
 */
import { createReadStream, readFileSync } from 'node:fs';
import { parse as parseCsv } from 'csv-parse';
import { parse as parseYaml } from 'yaml';
import { dedupeWithinBatch } from '../../../core/ingest/batch.ts';
import {
  normalizeEvent,
  normalizeFeedback,
  normalizeIdentify,
  type NormalizeContext,
} from '../../../core/ingest/normalize.ts';
import type { EventRow, FeedbackRow, IdentifyRow } from '../../../core/ingest/rows.ts';
import { InputError, zodIssues, type FieldIssue } from '../../../core/issues.ts';
import { mappedColumns, surveyMappingSchema, type SurveyMapping } from '../../../core/wide-survey/mapping.ts';
import { rowItems } from '../../../core/wide-survey/rows.ts';
import type { Services } from '../../graph.ts';
import type { IngestBatch } from '../../../platform/store/port.ts';

export interface SurveyReject {
  file: string;
  line: number;
  issues: FieldIssue[];
}

export interface SurveyImportResult {
  files: { path: string; rows: number }[];
  rows: number;
  /** Rows stored (all of them unless rows were rejected and skipped). */
  imported: number;
  feedback: number;
  events: number;
  /** Ratings without a response: empty or "not applicable". */
  notApplicable: number;
  stored: number;
  duplicates: number;
  rejected: SurveyReject[];
}

export function readMapping(path: string): SurveyMapping {
  let data: unknown;
  try {
    data = parseYaml(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new InputError([
      { path: 'mapping', code: 'malformed', message: `${path}: ${(error as Error).message}` },
    ]);
  }
  const parsed = surveyMappingSchema.safeParse(data);
  if (!parsed.success) {
    throw new InputError(zodIssues(parsed.error).map((i) => ({ ...i, path: `mapping.${i.path}` })));
  }
  return parsed.data;
}

const BATCH_ROWS = 2000;

/** Lines in a file, for the progress bar's total. */
async function countLines(path: string): Promise<number> {
  let count = 0;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) count++;
  }
  return count;
}

type Record_ = Record<string, string>;

async function* records(path: string): AsyncGenerator<{ record: Record_; line: number }> {
  const parser = createReadStream(path).pipe(
    parseCsv({ columns: true, bom: true, info: true, skip_empty_lines: true }),
  );
  for await (const { record, info } of parser as AsyncIterable<{
    record: Record_;
    info: { lines: number };
  }>) {
    yield { record, line: info.lines };
  }
}

/** The file's header, checked against the mapping before any row is read. */
async function checkHeader(path: string, mapping: SurveyMapping): Promise<void> {
  const parser = createReadStream(path).pipe(parseCsv({ bom: true, to_line: 1 }));
  let header: string[] = [];
  for await (const row of parser as AsyncIterable<string[]>) header = row.map((h) => h.trim());
  const missing = mappedColumns(mapping).filter((c) => !header.includes(c));
  if (missing.length) {
    throw new InputError(
      missing.map((c) => ({
        path: 'mapping',
        code: 'unknown_column',
        message: `${path} has no column "${c}"`,
      })),
    );
  }
}

/** One row's items through the ingest normalisers; an issue's path names the column it came from. */
function normalizeRow(
  items: ReturnType<typeof rowItems>,
  ctx: NormalizeContext,
  columnOf: (touchpoint: unknown) => string,
): { feedback: FeedbackRow[]; events: EventRow[]; identify: IdentifyRow | null; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [...items.issues];
  const feedback: FeedbackRow[] = [];
  const events: EventRow[] = [];
  for (const item of items.feedback) {
    const r = normalizeFeedback(item, ctx);
    if (r.ok) feedback.push(r.row);
    else issues.push(...r.issues.map((i) => ({ ...i, path: `${columnOf(item.touchpoint)}: ${i.path}` })));
  }
  for (const item of items.events) {
    const r = normalizeEvent(item, ctx);
    if (r.ok) events.push(r.row);
    else issues.push(...r.issues.map((i) => ({ ...i, path: `${String(item.name)}: ${i.path}` })));
  }
  let identify: IdentifyRow | null = null;
  if (items.identify) {
    const r = normalizeIdentify(items.identify, ctx);
    if (r.ok) identify = r.row;
    else issues.push(...r.issues);
  }
  return { feedback, events, identify, issues };
}

class RejectedRows extends Error {}

export async function importSurvey(
  services: Services,
  workspaceId: string,
  files: readonly string[],
  mapping: SurveyMapping,
  options: { skipInvalid: boolean; timestamp?: string; onProgress?: (done: number, total: number) => void },
): Promise<SurveyImportResult> {
  if (files.length === 0)
    throw new InputError([{ path: 'files', code: 'required', message: 'no file given' }]);
  for (const file of files) await checkHeader(file, mapping);
  const now = services.now();
  const ctx = await services.ingest.context(workspaceId, now);
  const defaultTimestamp = options.timestamp ?? new Date(now).toISOString();
  const columns = new Map<unknown, string>([
    ...mapping.ratings.map((r) => [r.touchpoint, r.column] as const),
    ...(mapping.outcome ? [[mapping.outcome.touchpoint, mapping.outcome.column] as const] : []),
  ]);
  const total = (await Promise.all(files.map(countLines))).reduce((a, b) => a + b - 1, 0);
  const result: SurveyImportResult = {
    files: [],
    rows: 0,
    imported: 0,
    feedback: 0,
    events: 0,
    notApplicable: 0,
    stored: 0,
    duplicates: 0,
    rejected: [],
  };

  async function* batches(): AsyncGenerator<IngestBatch> {
    let batch: IngestBatch = { events: [], feedback: [], identifies: [] };
    let rowsInBatch = 0;
    for (const file of files) {
      let rows = 0;
      for await (const { record, line } of records(file)) {
        rows++;
        result.rows++;
        const items = rowItems(record, mapping, defaultTimestamp);
        const row = normalizeRow(items, ctx, (tp) => columns.get(tp) ?? String(tp));
        if (row.issues.length) {
          result.rejected.push({ file, line, issues: row.issues });
        } else if (options.skipInvalid || result.rejected.length === 0) {
          // Once a row is rejected without --skip-invalid nothing will be stored: read on only to list them all.
          batch.feedback.push(...row.feedback);
          batch.events.push(...row.events);
          if (row.identify) batch.identifies.push(row.identify);
          result.imported++;
          result.feedback += row.feedback.length;
          result.events += row.events.length;
          result.notApplicable += items.skipped;
          if (++rowsInBatch >= BATCH_ROWS) {
            yield dedupeWithinBatch(batch).rows;
            batch = { events: [], feedback: [], identifies: [] };
            rowsInBatch = 0;
          }
        }
        if (result.rows % 1000 === 0) options.onProgress?.(result.rows, total);
      }
      result.files.push({ path: file, rows });
    }
    options.onProgress?.(result.rows, total);
    if (result.rejected.length && !options.skipInvalid) throw new RejectedRows();
    if (rowsInBatch) yield dedupeWithinBatch(batch).rows;
  }

  try {
    const outcome = await services.ingest.storeAll(workspaceId, batches());
    result.stored = outcome.stored;
    result.duplicates = outcome.duplicates;
  } catch (error) {
    if (!(error instanceof RejectedRows)) throw error;
    result.imported = 0;
    result.feedback = 0;
    result.events = 0;
  }
  return result;
}
