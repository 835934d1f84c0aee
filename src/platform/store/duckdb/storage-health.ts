import { DomainError } from '../../errors.ts';
import type { StoreHealth } from '../port.ts';

/** How long a client should wait before trying a write again while the disk refuses them. */
export const STORAGE_RETRY_AFTER_SECONDS = 30;

/** How often an invalidated database is reopened on a timer (besides on the next request). */
const REOPEN_EVERY_MS = 5_000;

/**
 * The disk refused a write. DuckDB says "Could not write file ...: No space left on device" when
 * a commit cannot append to the write-ahead log; a quota or a read-only remount reads alike. A
 * constraint violation (a survey answer's guard) is none of these: it stays what it is.
 */
const WRITE_REFUSED = /ENOSPC|No space left on device|could not write|Disk quota exceeded|EDQUOT/i;

/**
 * After a failed checkpoint DuckDB invalidates the whole instance: every statement, reads
 * included, fails with this until the file is opened again. The data acknowledged before is in
 * the file and its write-ahead log, so reopening loses nothing.
 */
const INVALIDATED = /database has been invalidated/i;

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function isInvalidated(error: unknown): boolean {
  return INVALIDATED.test(messageOf(error));
}

export function isWriteRefused(error: unknown): boolean {
  return !(error instanceof DomainError) && (WRITE_REFUSED.test(messageOf(error)) || isInvalidated(error));
}

/** The first line of DuckDB's message, without the file's path (a reply must not show it). */
function reasonOf(error: unknown): string {
  const first = messageOf(error).split('\n')[0] ?? '';
  if (/No space left on device|ENOSPC/i.test(first)) return 'the disk is full';
  if (/quota/i.test(first)) return 'the disk quota is exhausted';
  if (isInvalidated(error)) return 'the database is being reopened after a failed write';
  return 'the disk refuses writes';
}

/**
 * Tracks whether the embedded database can write, turns the disk's refusals into 503s with
 * Retry-After, and reopens a database DuckDB has invalidated: on a timer and before the next
 * request, so the server recovers without a restart once space is back (issue #13, finding 3).
 */
export class StorageHealth {
  private reason: string | null = null;
  private since = 0;
  private invalidated = false;
  private reopens = 0;
  private reopening: Promise<boolean> | null = null;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    /** Closes the invalidated instance and opens the file again. */
    private readonly reopen: () => Promise<void>,
    private readonly now: () => number = Date.now,
  ) {}

  status(): StoreHealth {
    const reopens = this.reopens;
    return this.reason === null
      ? { status: 'ok', reopens }
      : { status: 'degraded', reason: this.reason, since: this.since, reopens };
  }

  /** A write: while the disk refuses, a 503; a success clears the degraded state. */
  async write<T>(work: () => Promise<T>): Promise<T> {
    await this.readyToUse();
    try {
      const result = await work();
      this.reason = null;
      return result;
    } catch (error) {
      throw this.refusal(error);
    }
  }

  /** A read: it works while writes fail; after an invalidation it runs again on the reopened file. */
  async read<T>(work: () => Promise<T>): Promise<T> {
    await this.readyToUse();
    const reopensBefore = this.reopens;
    try {
      return await work();
    } catch (error) {
      // A read that began on connections a reopen then closed fails with whatever DuckDB says of
      // a closed connection: it runs again on the new ones.
      if (this.reopening || this.reopens !== reopensBefore) {
        await this.readyToUse();
        return work();
      }
      if (!isInvalidated(error)) throw error;
      this.refusal(error);
      if (!(await this.tryReopen())) throw this.unavailable();
      return work();
    }
  }

  stop() {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /**
   * Runs `work` (a rewrite of the file) while every read and write that starts meanwhile waits
   * for it, as they wait for a reopen; a read that fails because `work` closed its connection
   * runs again afterwards (see read).
   */
  async exclusive<T>(work: () => Promise<T>): Promise<T> {
    await this.readyToUse();
    const running = work();
    const gate = running.then(
      () => true,
      () => true,
    );
    this.reopening = gate;
    try {
      return await running;
    } finally {
      if (this.reopening === gate) this.reopening = null;
    }
  }

  private async readyToUse() {
    if (this.reopening) await this.reopening;
    if (this.invalidated && !(await this.tryReopen())) throw this.unavailable();
  }

  /** Records a refusal of the disk and says so as a DomainError; any other error is returned as is. */
  private refusal(error: unknown): unknown {
    if (!isWriteRefused(error)) return error;
    if (this.reason === null) this.since = this.now();
    this.reason = reasonOf(error);
    if (isInvalidated(error) && !this.invalidated) {
      this.invalidated = true;
      this.timer ??= setInterval(() => void this.tryReopen(), REOPEN_EVERY_MS);
      this.timer.unref();
    }
    return this.unavailable(error);
  }

  private unavailable(cause?: unknown) {
    return new DomainError(
      'unavailable',
      `the database cannot store anything right now (${this.reason ?? 'the disk refuses writes'}); nothing was stored, try again later`,
      { code: 'storage_unavailable', retryAfterSeconds: STORAGE_RETRY_AFTER_SECONDS, cause },
    );
  }

  /** One reopen at a time; true once the database is usable again. */
  private tryReopen(): Promise<boolean> {
    if (!this.invalidated) return Promise.resolve(true);
    this.reopening ??= this.reopen().then(
      () => {
        this.reopens++;
        this.invalidated = false;
        this.stop();
        this.reopening = null;
        return true;
      },
      () => {
        this.reopening = null;
        return false;
      },
    );
    return this.reopening;
  }
}
