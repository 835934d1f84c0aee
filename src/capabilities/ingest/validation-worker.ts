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

export interface ValidationRequest {
  id: number;
  call: IngestCall;
  body: Uint8Array;
  now: number;
  journeyKey: string;
  /** Sent only the first time this worker sees `journeyKey`. */
  journey?: JourneyMap;
}

export type ValidationReply =
  | { id: number; ok: true; rows: RowColumns }
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
    const rows = normalizeRequest(request.call, parseBody(decoder.decode(request.body)), {
      journey,
      now: request.now,
      newId: randomUUID,
    });
    reply = { id: request.id, ok: true, rows: toColumns(rows) };
  } catch (error) {
    reply =
      error instanceof InputError
        ? { id: request.id, ok: false, code: error.code, issues: error.issues }
        : { id: request.id, ok: false, fault: String((error as Error).stack ?? error) };
  }
  parentPort!.postMessage(reply);
});
