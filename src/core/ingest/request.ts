import { InputError, zodIssues } from '../issues.ts';
import { checkBatchSize, normalizeItems, type IngestRows } from './batch.ts';
import type { NormalizeContext } from './normalize.ts';
import type { AnonymousTraitsRow } from './rows.ts';
import { normalizeSegment, segmentBatch, type RejectedMessage, type SegmentType } from './segment.ts';
import { illFormedIssue, mayHoldLoneSurrogate } from './well-formed.ts';

/** The ingest calls of the HTTP API, each a shape of request body. */
export type IngestCall = 'events' | 'feedback' | 'batch' | SegmentType;

/**
 * Parses a request body, refusing empty and malformed ones, and any string or key holding a lone
 * surrogate (at its path in the body), with their own codes.
 */
export function parseBody(text: string): unknown {
  if (!text.trim())
    throw new InputError(
      [{ path: '', code: 'empty_body', message: 'the request body is empty' }],
      'empty_body',
    );
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new InputError(
      [
        {
          path: '',
          code: 'malformed_json',
          message: `the body is not valid JSON: ${(error as Error).message}`,
        },
      ],
      'malformed_json',
    );
  }
  const bad = mayHoldLoneSurrogate(text) ? illFormedIssue(body) : null;
  if (bad) throw new InputError([bad], 'ill_formed_unicode');
  return body;
}

/** What one request body becomes: rows to store, anonymous traits, and the messages refused alone. */
export interface NormalizedRequest {
  rows: IngestRows;
  anonymous: AnonymousTraitsRow[];
  /** Only on the Segment-compatible calls; our own calls throw instead (all or nothing). */
  rejects: RejectedMessage[];
}

const SINGLE_SEGMENT_CALLS: ReadonlySet<IngestCall> = new Set([
  'track',
  'identify',
  'page',
  'screen',
  'group',
  'alias',
]);

/** The Segment-compatible calls: one bad message there is refused alone, the others are stored. */
export function isSegmentCall(call: IngestCall): boolean {
  return call === 'batch' || SINGLE_SEGMENT_CALLS.has(call);
}

/**
 * Validates one request body of the given call and turns it into rows. Our own calls (events,
 * feedback, identify with customerId) throw one InputError listing every problem; the Segment
 * calls return each bad message in `rejects` and the rest as rows. A problem with the batch as a
 * whole (not an array, too many items, a bad batch sentAt) throws on either.
 */
export function normalizeRequest(
  call: IngestCall,
  body: unknown,
  ctx: NormalizeContext,
  bodyBytes?: number,
): NormalizedRequest {
  const own = (rows: IngestRows): NormalizedRequest => ({ rows, anonymous: [], rejects: [] });
  if (call === 'events' || call === 'feedback') return own(normalizeItems(call, body, ctx));
  if (call === 'identify' && body !== null && typeof body === 'object' && 'customerId' in body) {
    return own(normalizeItems('identifies', body, ctx));
  }
  const sized = bodyBytes === undefined ? {} : { bodyBytes };
  if (call === 'batch') {
    const parsed = segmentBatch.safeParse(body);
    if (!parsed.success) throw new InputError(zodIssues(parsed.error));
    checkBatchSize(parsed.data.batch);
    return normalizeSegment(parsed.data.batch, ctx, {
      batchSentAt: parsed.data.sentAt,
      batchContext: parsed.data.context,
      indexed: true,
      ...sized,
    });
  }
  return normalizeSegment([body], ctx, { forcedType: call, indexed: false, ...sized });
}
