import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import {
  normalizeRequest,
  parseBody,
  type IngestCall,
  type NormalizedRequest,
} from '../../core/ingest/request.ts';
import { InputError } from '../../core/issues.ts';
import { moduleBeside, startWorker } from '../../platform/workers/start.ts';
import type { JourneyIndex } from '../../core/journey/rules.ts';
import { fromColumns } from './row-columns.ts';
import type { ValidationReply, ValidationRequest } from './validation-worker.ts';

/** Turns a request body into rows (or throws InputError): in this thread or in worker threads. */
export interface RequestValidator {
  /** `earliest` is the timestamp floor (LIMITS.earliest when not given). */
  normalize(
    call: IngestCall,
    body: Uint8Array,
    journey: JourneyIndex,
    now: number,
    earliest?: number,
  ): Promise<NormalizedRequest>;
  close(): Promise<void>;
}

const decoder = new TextDecoder();

export const inlineValidator: RequestValidator = {
  async normalize(call, body, journey, now, earliest) {
    const ctx = { journey, now, newId: randomUUID, ...(earliest === undefined ? {} : { earliest }) };
    return normalizeRequest(call, parseBody(decoder.decode(body)), ctx, body.byteLength);
  },
  async close() {},
};

/** Bodies smaller than this are validated inline: the hop to a worker would cost more than it saves. */
const INLINE_BELOW = 16 * 1024;

interface Slot {
  worker: Worker;
  journeys: Set<string>;
  pending: Map<number, { resolve: (result: NormalizedRequest) => void; reject: (error: unknown) => void }>;
  /** Set once the worker has started; one that fails before is not started again. */
  ready: boolean;
}

/**
 * A pool of validation workers (by default one fewer than the cores, at least one). Requests go
 * to the worker with the fewest in flight. A worker that dies fails its requests (the clients get
 * a 5xx and retry; nothing was stored) and is replaced.
 */
export class WorkerValidator implements RequestValidator {
  private readonly slots: Slot[] = [];
  private readonly keys = new WeakMap<JourneyIndex, string>();
  private nextId = 0;
  private closing = false;

  constructor(size = Math.max(1, availableParallelism() - 1)) {
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    const worker = startWorker(moduleBeside(import.meta.url, './validation-worker'));
    const slot: Slot = { worker, journeys: new Set(), pending: new Map(), ready: false };
    worker.once('online', () => (slot.ready = true));
    worker.on('message', (reply: ValidationReply) => {
      const waiter = slot.pending.get(reply.id);
      if (!waiter) return;
      slot.pending.delete(reply.id);
      if (slot.pending.size === 0) worker.unref();
      if (reply.ok)
        waiter.resolve({ rows: fromColumns(reply.rows), anonymous: reply.anonymous, rejects: reply.rejects });
      else if ('fault' in reply) waiter.reject(new Error(`validation worker: ${reply.fault}`));
      else waiter.reject(new InputError(reply.issues, reply.code));
    });
    const fail = (error: unknown) => {
      for (const waiter of slot.pending.values()) waiter.reject(error);
      slot.pending.clear();
      const index = this.slots.indexOf(slot);
      if (index < 0 || this.closing) return;
      // A worker that dies right away would die again: validate inline from then on.
      if (!slot.ready) this.slots.splice(index, 1);
      else this.slots[index] = this.spawn();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`validation worker exited with code ${code}`)));
    worker.unref();
    return slot;
  }

  async normalize(
    call: IngestCall,
    body: Uint8Array,
    journey: JourneyIndex,
    now: number,
    earliest?: number,
  ): Promise<NormalizedRequest> {
    if (body.byteLength < INLINE_BELOW || this.slots.length === 0) {
      return inlineValidator.normalize(call, body, journey, now, earliest);
    }
    let journeyKey = this.keys.get(journey);
    if (!journeyKey) {
      journeyKey = randomUUID();
      this.keys.set(journey, journeyKey);
    }
    const slot = this.slots.reduce((best, s) => (s.pending.size < best.pending.size ? s : best));
    // The bytes move to the worker without a copy when they own their whole buffer.
    const owned = body.byteOffset === 0 && body.byteLength === body.buffer.byteLength ? body : body.slice();
    const request: ValidationRequest = { id: this.nextId++, call, body: owned, now, journeyKey };
    if (earliest !== undefined) request.earliest = earliest;
    if (!slot.journeys.has(journeyKey)) {
      request.journey = journey.map;
      slot.journeys.add(journeyKey);
    }
    return new Promise((resolve, reject) => {
      // Referenced only while it owes an answer, so an idle pool never keeps the process alive.
      if (slot.pending.size === 0) slot.worker.ref();
      slot.pending.set(request.id, { resolve, reject });
      slot.worker.postMessage(request, [owned.buffer as ArrayBuffer]);
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
