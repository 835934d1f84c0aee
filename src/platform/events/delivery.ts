import type { Store } from '../store/port.ts';
import type { StoredDomainEvent } from './domain-event.ts';
import { pruneOutbox } from './prune.ts';

/**
 * Something that must happen because something was stored. Delivery is at least once: a batch
 * whose handler failed, or whose process died before the cursor moved, comes again, so a handler
 * must be idempotent (derive the ids of what it writes from the events, and insert with ON
 * CONFLICT DO NOTHING).
 */
export interface Subscriber {
  /** Names the cursor in the store; a renamed subscriber starts again from the first event. */
  name: string;
  /** The event types it takes; it is never handed others. */
  types: readonly string[];
  /** Events in outbox order, from any workspace (each names its own); `now` is the clock's. */
  handle(events: StoredDomainEvent[], now: number): Promise<void>;
}

export interface DeliveryOptions {
  /** Outbox rows read per round for one subscriber. */
  batchSize: number;
  /** How often a started delivery looks for events appended by other processes. */
  pollMs: number;
  /** The first wait after a failed handler; it doubles up to `retryMaxMs` while failures go on. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** Rows every subscriber has passed are kept this long after they were appended, then pruned. */
  retentionMs: number;
  /** How often a started delivery prunes (it also prunes once when it starts). */
  pruneEveryMs: number;
  onError: (error: unknown, subscriber: string) => void;
}

export const DEFAULT_DELIVERY: DeliveryOptions = {
  batchSize: 200,
  pollMs: 500,
  retryBaseMs: 100,
  retryMaxMs: 30_000,
  retentionMs: 7 * 86_400_000,
  pruneEveryMs: 10 * 60_000,
  onError: () => undefined,
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Delivers the outbox to subscribers, each from its own cursor. A round holds the subscriber's
 * cursor (one process at a time), reads the rows after it, hands over those of its types, and
 * moves the cursor past every row read only once the handler has succeeded. A crash anywhere in a
 * round leaves the cursor where it was, so the round runs again after the restart.
 *
 * In this process, producers call `notify()` after committing events, so delivery starts at once;
 * events committed by other processes are found by polling every `pollMs`.
 */
export class DomainEvents {
  private readonly subscribers: Subscriber[] = [];
  /** Rounds of one subscriber in this process run one after another (the loop and a drain). */
  private readonly rounds = new Map<string, Promise<unknown>>();
  private readonly options: DeliveryOptions;
  private wake: (() => void) | null = null;
  private notified = false;

  constructor(
    private readonly store: Store,
    private readonly now: () => number,
    options: Partial<DeliveryOptions> = {},
  ) {
    this.options = { ...DEFAULT_DELIVERY, ...options };
  }

  subscribe(subscriber: Subscriber): void {
    if (this.subscribers.some((s) => s.name === subscriber.name))
      throw new Error(`a subscriber named "${subscriber.name}" is already registered`);
    this.subscribers.push(subscriber);
  }

  /** Events were committed in this process: a started delivery looks now instead of at its next poll. */
  notify(): void {
    this.notified = true;
    this.wake?.();
  }

  /**
   * One round for one subscriber: the number of outbox rows it moved past (0 when caught up),
   * or null when another process holds the cursor. A handler's error propagates, cursor unmoved.
   */
  deliverRound(subscriber: Subscriber): Promise<number | null> {
    const round = async () => {
      const held = await this.store.holdCursor(subscriber.name, async (cursor) => {
        const rows = await this.store.readDomainEvents(cursor.position, this.options.batchSize);
        if (rows.length === 0) return 0;
        const taken = rows.filter((row) => subscriber.types.includes(row.type));
        if (taken.length > 0) await subscriber.handle(taken, this.now());
        await cursor.advance(rows[rows.length - 1]!.seq);
        return rows.length;
      });
      return held ? held.value : null;
    };
    const previous = this.rounds.get(subscriber.name) ?? Promise.resolve();
    const next = previous.then(round, round);
    this.rounds.set(
      subscriber.name,
      next.catch(() => undefined),
    );
    return next;
  }

  /**
   * Delivers until every subscriber has caught up (tests, and commands that must see the
   * consequences before they return). A handler's error is thrown. Where another process holds a
   * cursor, waits for it to let go.
   */
  async drain(): Promise<void> {
    for (const subscriber of this.subscribers) {
      for (;;) {
        const moved = await this.deliverRound(subscriber);
        if (moved === null) await sleep(20);
        else if (moved < this.options.batchSize) break;
      }
    }
  }

  /**
   * Deletes the outbox rows every registered subscriber has passed that are older than the
   * retention (platform/events/prune.ts); returns how many went.
   */
  prune(): Promise<number> {
    return pruneOutbox(
      this.store,
      this.subscribers.map((s) => s.name),
      this.now() - this.options.retentionMs,
    );
  }

  /**
   * Delivers in the background until stopped; failed handlers are retried with backoff. Between
   * rounds, every `pruneEveryMs`, it prunes what every subscriber has passed.
   */
  start(): { stop(): Promise<void> } {
    let running = true;
    const failures = new Map<string, { count: number; retryAt: number }>();
    let pruneAt = 0;
    const loop = async () => {
      while (running) {
        if (Date.now() >= pruneAt) {
          pruneAt = Date.now() + this.options.pruneEveryMs;
          // A failed prune only keeps rows longer; delivery goes on.
          await this.prune().catch((error: unknown) => this.options.onError(error, 'outbox pruning'));
        }
        this.notified = false;
        let more = false;
        for (const subscriber of this.subscribers) {
          const failed = failures.get(subscriber.name);
          if (failed && failed.retryAt > Date.now()) continue;
          try {
            const moved = await this.deliverRound(subscriber);
            failures.delete(subscriber.name);
            if (moved === this.options.batchSize) more = true;
          } catch (error) {
            const count = (failed?.count ?? 0) + 1;
            const wait = Math.min(this.options.retryMaxMs, this.options.retryBaseMs * 2 ** (count - 1));
            failures.set(subscriber.name, { count, retryAt: Date.now() + wait });
            this.options.onError(error, subscriber.name);
          }
        }
        if (more || this.notified || !running) continue;
        const retries = [...failures.values()].map((f) => f.retryAt - Date.now());
        await this.pause(Math.max(0, Math.min(this.options.pollMs, ...retries)));
      }
    };
    const done = loop();
    return {
      stop: async () => {
        running = false;
        this.wake?.();
        await done;
      },
    };
  }

  /** Waits up to `ms`, or until `notify()`. */
  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(finish, ms);
      function finish() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = null;
        finish();
      };
    });
  }
}
