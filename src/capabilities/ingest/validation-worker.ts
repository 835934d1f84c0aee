/**
 * A worker thread that validates ingest requests: parsing JSON and checking every item is most of
 * the CPU an ingest request costs, and here it runs beside the thread that serves HTTP and writes
 * to the database. The body arrives as transferred bytes and the rows go back in columns.
 */
import { randomUUID } from 'node:crypto';
import { parentPort } from 'node:worker_threads';
import { InputError } from '../../core/issues.ts';
import { indexJourney, type JourneyIndex } from '../../core/journey/rules.ts';
import type { JourneyMap } from '../../core/journey/schema.ts';
import { normalizeRequest, parseBody, type IngestCall } from '../../core/ingest/request.ts';
import { toColumns, type RowColumns } from './row-columns.ts';
import type { AnonymousTraitsRow } from '../../core/ingest/rows.ts';
import type { RejectedMessage } from '../../core/ingest/segment.ts';

export interface ValidationRequest {
  id: number;
  call: IngestCall;
  body: Uint8Array;
  now: number;
  earliest?: number;
  journeyKey: string;
  /** Sent only the first time this worker sees `journeyKey`. */
  journey?: JourneyMap;
}

export type ValidationReply =
  | { id: number; ok: true; rows: RowColumns; anonymous: AnonymousTraitsRow[]; rejects: RejectedMessage[] }
  | { id: number; ok: false; code: string; issues: InputError['issues'] }
  | { id: number; ok: false; fault: string };

const journeys = new Map<string, JourneyIndex>();
const decoder = new TextDecoder();

parentPort?.on('message', (request: ValidationRequest) => {
  let reply: ValidationReply;
  try {
    if (request.journey) journeys.set(request.journeyKey, indexJourney(request.journey));
    const journey = journeys.get(request.journeyKey);
    if (!journey) throw new Error(`journey ${request.journeyKey} was never sent to this worker`);
    const ctx = {
      journey,
      now: request.now,
      newId: randomUUID,
      ...(request.earliest === undefined ? {} : { earliest: request.earliest }),
    };
    const text = decoder.decode(request.body);
    const result = normalizeRequest(request.call, parseBody(text), ctx, request.body.byteLength);
    reply = {
      id: request.id,
      ok: true,
      rows: toColumns(result.rows),
      anonymous: result.anonymous,
      rejects: result.rejects,
    };
  } catch (error) {
    reply =
      error instanceof InputError
        ? { id: request.id, ok: false, code: error.code, issues: error.issues }
        : { id: request.id, ok: false, fault: String((error as Error).stack ?? error) };
  }
  parentPort!.postMessage(reply);
});
