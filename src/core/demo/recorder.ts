import type { EventInput, FeedbackInput, IdentifyInput } from '../ingest/schemas.ts';
import { isoFormatter } from './time.ts';

export type Who = { customerId: string } | { anonymousId: string };
type Properties = Record<string, unknown>;

export interface DemoData {
  identifies: IdentifyInput[];
  events: EventInput[];
  feedback: FeedbackInput[];
}

/** Items of one kind with their instants kept beside them, so sorting needs no date parsing. */
class Timeline<T> {
  private readonly items: T[] = [];
  private readonly times: number[] = [];

  push(t: number, item: T): void {
    this.items.push(item);
    this.times.push(t);
  }

  /** The items in time order; ties keep the order they were made in. */
  sorted(): T[] {
    const order = this.items.map((_, i) => i);
    order.sort((a, b) => (this.times[a] as number) - (this.times[b] as number) || a - b);
    return order.map((i) => this.items[i] as T);
  }
}

/**
 * Collects what the journeys produce and keeps only what falls inside [start, end]: journeys are
 * simulated past `now` and cut there, as a real export would be, so late arrivals end mid-journey.
 */
export class Recorder {
  private readonly events = new Timeline<EventInput>();
  private readonly feedbackItems = new Timeline<FeedbackInput>();
  private readonly identifies = new Timeline<IdentifyInput>();
  private readonly iso = isoFormatter();

  constructor(
    readonly start: number,
    readonly end: number,
  ) {}

  private inWindow(t: number): boolean {
    return t >= this.start && t <= this.end;
  }

  /** An event; `touchpoint` only where the map's rules cannot place the name. */
  event(who: Who, t: number, name: string, properties: Properties, touchpoint?: string): void {
    if (!this.inWindow(t)) return;
    const timestamp = this.iso(t);
    // Built field by field rather than spread: this runs half a million times. `id` comes first so
    // exported items read naturally; finish() numbers it.
    const item: EventInput =
      'customerId' in who
        ? { id: '', customerId: who.customerId, name, timestamp, properties }
        : { id: '', anonymousId: who.anonymousId, name, timestamp, properties };
    if (touchpoint !== undefined) item.touchpoint = touchpoint;
    this.events.push(t, item);
  }

  feedback(item: Omit<FeedbackInput, 'id' | 'timestamp' | 'source'>, t: number): void {
    if (!this.inWindow(t)) return;
    const { customerId, touchpoint, metric, score, comment } = item;
    const timestamp = this.iso(t);
    this.feedbackItems.push(t, {
      id: '',
      customerId,
      touchpoint,
      metric,
      score,
      ...(comment === undefined ? {} : { comment }),
      timestamp,
      source: 'demo',
    });
  }

  identify(customerId: string, t: number, traits: Properties): void {
    if (!this.inWindow(t)) return;
    this.identifies.push(t, { customerId, traits, timestamp: this.iso(t) });
  }

  finish(): DemoData {
    // Numbered in time order, so ids read like the ones a live system hands out.
    const events = this.events.sorted();
    events.forEach((e, n) => (e.id = `demo-e-${n + 1}`));
    const feedback = this.feedbackItems.sorted();
    feedback.forEach((f, n) => (f.id = `demo-f-${n + 1}`));
    return { identifies: this.identifies.sorted(), events, feedback };
  }
}
