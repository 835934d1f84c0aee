import type { IngestRows } from '../core/ingest/batch.ts';
import type { EventRow, FeedbackRow } from '../core/ingest/rows.ts';

/**
 * Rows in columns, for crossing between threads: a structured clone of a few arrays of strings
 * and numbers took under half the time of JSON text or of one object per row.
 */
export interface RowColumns {
  events: unknown[][];
  feedback: unknown[][];
  identifies: IngestRows['identifies'];
}

const EVENT_FIELDS: (keyof EventRow)[] = [
  'id',
  'customerId',
  'anonymousId',
  'name',
  'touchpoint',
  'timestamp',
  'receivedAt',
  'properties',
  'context',
];
const FEEDBACK_FIELDS: (keyof FeedbackRow)[] = [
  'id',
  'customerId',
  'touchpoint',
  'metric',
  'score',
  'scaleMin',
  'scaleMax',
  'comment',
  'timestamp',
  'receivedAt',
  'source',
];

function columns<T>(rows: T[], fields: (keyof T)[]): unknown[][] {
  return fields.map((field) => rows.map((row) => row[field]));
}

function rows<T>(cols: unknown[][], fields: (keyof T)[]): T[] {
  const count = cols[0]?.length ?? 0;
  const out: T[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const row = {} as Record<keyof T, unknown>;
    fields.forEach((field, f) => (row[field] = cols[f]![i]));
    out[i] = row as T;
  }
  return out;
}

export function toColumns(input: IngestRows): RowColumns {
  return {
    events: columns(input.events, EVENT_FIELDS),
    feedback: columns(input.feedback, FEEDBACK_FIELDS),
    identifies: input.identifies,
  };
}

export function fromColumns(input: RowColumns): IngestRows {
  return {
    events: rows<EventRow>(input.events, EVENT_FIELDS),
    feedback: rows<FeedbackRow>(input.feedback, FEEDBACK_FIELDS),
    identifies: input.identifies,
  };
}
