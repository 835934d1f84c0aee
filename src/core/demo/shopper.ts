import type { Metric } from '../ingest/schemas.ts';
import { maybeComment, sentimentOf, type Topic } from './comments.ts';
import type { Random } from './random.ts';
import type { Recorder, Who } from './recorder.ts';

/** Id prefixes; `c` and `a` are taken by customer and anonymous ids. */
const ID_PREFIX = { checkout: 'k', order: 'o', ticket: 't' } as const;

/** One person's journey in progress: their random stream, identity and the recorder they write to. */
export class Shopper {
  /** Completed orders so far, for the segment trait. */
  orders = 0;
  /** The latest instant anything happened to them so far, e.g. a late review of an old order. */
  lastSeen = -Infinity;
  private readonly serials = new Map<string, number>();

  constructor(
    readonly rng: Random,
    private readonly recorder: Recorder,
    private readonly who: Who,
    /** Hours from UTC where they live: sessions happen in their daytime. */
    readonly utcOffset: number,
    /** Their number among customers or among visitors; makes their ids unique. */
    private readonly no: number,
  ) {}

  /** Known customers get surveyed and can check out; anonymous visitors only browse. */
  get customerId(): string | undefined {
    return 'customerId' in this.who ? this.who.customerId : undefined;
  }

  /** The instant past which nothing is recorded: journeys stop there instead of simulating the future. */
  get horizon(): number {
    return this.recorder.end;
  }

  emit(t: number, name: string, properties: Record<string, unknown> = {}, touchpoint?: string): void {
    this.lastSeen = Math.max(this.lastSeen, t);
    this.recorder.event(this.who, t, name, properties, touchpoint);
  }

  /** A survey answer, with a comment sometimes; only known customers are asked. */
  answer(
    t: number,
    touchpoint: string,
    metric: Exclude<Metric, 'rating'>,
    score: number,
    topic: Topic,
  ): void {
    const customerId = this.customerId;
    if (customerId === undefined) return;
    this.lastSeen = Math.max(this.lastSeen, t);
    const comment = maybeComment(this.rng, topic, sentimentOf(metric, score));
    this.recorder.feedback({ customerId, touchpoint, metric, score, comment }, t);
  }

  identify(t: number, traits: Record<string, unknown>): void {
    const customerId = this.customerId;
    if (customerId !== undefined) this.recorder.identify(customerId, t, traits);
  }

  /** A fresh id for something this person creates, e.g. `demo-o-17-2` for customer 17's 2nd order. */
  nextId(kind: keyof typeof ID_PREFIX): string {
    const n = (this.serials.get(kind) ?? 0) + 1;
    this.serials.set(kind, n);
    return `demo-${ID_PREFIX[kind]}-${this.no}-${n}`;
  }
}
