import { InputError, zodIssues } from '../issues.ts';
import { checkBatchSize, normalizeItems, type IngestRows } from './batch.ts';
import type { NormalizeContext } from './normalize.ts';
import { normalizeSegment, segmentBatch } from './segment.ts';
import { illFormedIssue, mayHoldLoneSurrogate } from './well-formed.ts';

/** The ingest calls of the HTTP API, each a shape of request body. */
export type IngestCall = 'events' | 'feedback' | 'identify' | 'track' | 'batch';

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

/**
 * Validates one request body of the given call and turns it into rows, or throws one InputError
 * listing every problem. `identify` takes our shape ({customerId}) and Segment's ({userId}).
 */
export function normalizeRequest(call: IngestCall, body: unknown, ctx: NormalizeContext): IngestRows {
  if (call === 'events' || call === 'feedback') return normalizeItems(call, body, ctx);
  if (call === 'identify' && body !== null && typeof body === 'object' && 'customerId' in body) {
    return normalizeItems('identifies', body, ctx);
  }
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
  return result.rows;
}
