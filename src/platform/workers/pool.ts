import type { Worker } from 'node:worker_threads';
import { failureError, WorkTooLarge, WorkUnavailable } from './errors.ts';
import { defaultPoolLimits, type PoolLimits } from './limits.ts';
import type { TaskRequest, WorkerMessage, WorkerSetup } from './protocol.ts';
import { moduleBeside, startWorker } from './start.ts';
import type { RunOptions, Task, TaskRunner } from './task.ts';

interface Job {
  id: number;
  task: string;
  input: unknown;
  transfer: ArrayBuffer[];
  resolve: (output: unknown) => void;
  reject: (error: unknown) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  job?: Job;
  startedAt?: number;
  timer?: NodeJS.Timeout;
  /** The last 'error' event; read when the thread exits, to tell running out of memory from a crash. */
  error?: unknown;
}

/** Workers that die before they are ready this many times in a row would die again: stop trying. */
const MAX_START_FAILURES = 3;

/**
 * A pool of worker threads for CPU-bound tasks, so that a long analysis holds a worker and never
 * the thread that serves every workspace's requests. Each task runs alone on its worker under a
 * time limit (counted from when it gets the worker, not while it queues); a task past it is
 * answered WorkUnavailable and its worker terminated and replaced, because synchronous code
 * cannot be interrupted any other way. Waiting is bounded overall and per key. An idle pool does
 * not keep the process alive.
 *
 * Written here rather than taken from piscina: the per-run deadline needs to know when a task
 * leaves the queue, which piscina does not expose (its abort signal would count the wait too).
 */
export class WorkerPool implements TaskRunner {
  readonly limits: PoolLimits;
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private readonly holding = new Map<string, number>();
  private nextId = 0;
  private startFailures = 0;
  private broken: Error | undefined;
  private closing = false;

  constructor(
    private readonly modules: readonly string[],
    limits: Partial<PoolLimits> = {},
  ) {
    this.limits = { ...defaultPoolLimits(), ...limits };
    for (let i = 0; i < this.limits.size; i++) this.slots.push(this.spawn());
  }

  run<I, O>(task: Task<I, O>, input: I, options: RunOptions = {}): Promise<O> {
    if (this.closing) return Promise.reject(new Error('the worker pool is closed'));
    if (this.broken) return Promise.reject(this.broken);
    const key = options.key;
    const held = key === undefined ? 0 : (this.holding.get(key) ?? 0);
    if (held >= this.limits.perKey) {
      return Promise.reject(
        this.saturated(
          `this workspace already has ${held} analyses running or waiting; at most ${this.limits.perKey}`,
        ),
      );
    }
    const idle = this.slots.some((s) => s.ready && !s.job);
    if (!idle && this.queue.length >= this.limits.maxQueue) {
      return Promise.reject(this.saturated('every analysis worker is busy and the queue is full'));
    }
    return new Promise<O>((resolve, reject) => {
      if (key !== undefined) this.holding.set(key, held + 1);
      const release = () => {
        if (key === undefined) return;
        const left = (this.holding.get(key) ?? 1) - 1;
        if (left > 0) this.holding.set(key, left);
        else this.holding.delete(key);
      };
      this.queue.push({
        id: this.nextId++,
        task: task.name,
        input,
        transfer: options.transfer ?? [],
        // The worker ran `task`, whose output type is O; the message channel only loses the type.
        resolve: (output) => (release(), resolve(output as O)),
        reject: (error) => (release(), reject(error)),
      });
      this.pump();
    });
  }

  /** Running and waiting tasks, for tests and benchmarks. */
  get load(): { running: number; queued: number } {
    return { running: this.slots.filter((s) => s.job).length, queued: this.queue.length };
  }

  async close(): Promise<void> {
    this.closing = true;
    const stopped = new Error('the worker pool was closed before the task ran');
    for (const job of this.queue.splice(0)) job.reject(stopped);
    for (const slot of this.slots) {
      clearTimeout(slot.timer);
      slot.job?.reject(stopped);
      slot.job = undefined;
    }
    await Promise.all(this.slots.splice(0).map((s) => s.worker.terminate()));
  }

  private spawn(): Slot {
    const setup: WorkerSetup = { modules: [...this.modules] };
    const worker = startWorker(moduleBeside(import.meta.url, './worker'), {
      workerData: setup,
      resourceLimits: { maxOldGenerationSizeMb: this.limits.memoryMb },
    });
    // Referenced only while it runs a task (see start), so an idle pool never keeps the process alive.
    worker.unref();
    const slot: Slot = { worker, ready: false };
    worker.on('message', (message: WorkerMessage) => this.onMessage(slot, message));
    worker.on('error', (error) => (slot.error = error));
    worker.on('exit', (code) => this.onExit(slot, code));
    return slot;
  }

  private pump() {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (slot.ready && !slot.job) this.start(slot, this.queue.shift()!);
    }
  }

  private start(slot: Slot, job: Job) {
    slot.job = job;
    slot.startedAt = performance.now();
    slot.worker.ref();
    slot.timer = setTimeout(() => this.overTime(slot), this.limits.timeLimitMs);
    try {
      const request: TaskRequest = { id: job.id, task: job.task, input: job.input };
      slot.worker.postMessage(request, job.transfer);
    } catch (error) {
      // The input could not be cloned: the worker never saw it and is free again.
      this.finish(slot);
      job.reject(error);
    }
  }

  /** Clears the slot's task; returns it so the caller settles it. */
  private finish(slot: Slot): Job | undefined {
    clearTimeout(slot.timer);
    const job = slot.job;
    slot.job = undefined;
    slot.worker.unref();
    return job;
  }

  private onMessage(slot: Slot, message: WorkerMessage) {
    if ('ready' in message) {
      if (message.ready) {
        slot.ready = true;
        this.startFailures = 0;
        this.pump();
      } else {
        slot.error = failureError(message.failure, 'start-up');
        void slot.worker.terminate();
      }
      return;
    }
    if (slot.job?.id !== message.id) return;
    const job = this.finish(slot)!;
    if (message.ok) job.resolve(message.output);
    else job.reject(failureError(message.failure, job.task));
    this.pump();
  }

  private overTime(slot: Slot) {
    const job = this.finish(slot);
    if (!job) return;
    const seconds = this.limits.timeLimitMs / 1000;
    job.reject(
      new WorkUnavailable(
        'time_limit',
        Math.max(1, Math.ceil(seconds)),
        `the analysis ran longer than ${seconds} s, the most one request may use, and was stopped; nothing was stored`,
      ),
    );
    this.replace(slot);
  }

  /** Swaps a worker for a fresh one; the old one's exit is then ignored. */
  private replace(slot: Slot) {
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    this.slots[index] = this.spawn();
    void slot.worker.terminate();
  }

  private onExit(slot: Slot, code: number) {
    const index = this.slots.indexOf(slot);
    if (index < 0) return; // terminated on purpose (time limit, close)
    const job = this.finish(slot);
    if (job) {
      const outOfMemory = (slot.error as { code?: string } | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY';
      job.reject(
        outOfMemory
          ? new WorkTooLarge()
          : new Error(`worker exited with code ${code} while running ${job.task}: ${String(slot.error)}`),
      );
    }
    if (this.closing) return;
    if (!slot.ready && ++this.startFailures >= MAX_START_FAILURES) {
      this.broken = new Error(`analysis workers fail to start: ${String(slot.error)}`);
      this.slots.splice(index, 1);
      for (const waiting of this.queue.splice(0)) waiting.reject(this.broken);
      return;
    }
    this.slots[index] = this.spawn();
    this.pump();
  }

  private saturated(message: string): WorkUnavailable {
    // A worker is sure to be free once the soonest running task reaches its time limit.
    const now = performance.now();
    const left = this.slots
      .filter((s) => s.job && s.startedAt !== undefined)
      .map((s) => s.startedAt! + this.limits.timeLimitMs - now);
    const ms = left.length ? Math.min(...left) : this.limits.timeLimitMs;
    return new WorkUnavailable('saturated', Math.max(1, Math.ceil(ms / 1000)), message);
  }
}
