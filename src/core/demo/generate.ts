import { indexJourney } from '../journey/rules.ts';
import type { JourneyMap } from '../journey/schema.ts';
import { drawProfile, drawUtcOffset } from './customers.ts';
import { customerJourney, visitorJourney } from './journeys.ts';
import { createRandom } from './random.ts';
import { ANONYMOUS_VISITORS_PER_CUSTOMER, ARRIVAL_GROWTH } from './rates.ts';
import { Recorder, type DemoData } from './recorder.ts';
import { Shopper } from './shopper.ts';
import { arrivalTime, monthsBefore } from './time.ts';
import { vocabularyGaps } from './vocabulary.ts';

export type { DemoData } from './recorder.ts';

export interface DemoOptions {
  /** Any integer; the same seed (and options) gives the same data. Default 1. */
  seed?: number;
  /** Known (signed-up) customers; anonymous visitors come on top. Default 20,000. */
  customers?: number;
  /** Length of the window that ends at `now`, in calendar months. Default 12. */
  months?: number;
  /** Epoch ms; the data ends here. */
  now: number;
}

/** Separate random streams for customers and visitors, so adding visitors never changes a customer. */
const STREAM = { customer: 1, visitor: 2 } as const;

/**
 * A year (by default) of a retail shop's journeys on the retail template's map, with the effects of
 * `effects.ts` planted in it. The same options give the same data, item for item.
 */
export function generateDemo(map: JourneyMap, options: DemoOptions): DemoData {
  const slices = generateDemoInSlices(map, options);
  for (;;) {
    const next = slices.next();
    if (next.done) return next.value;
  }
}

/** Shoppers simulated per slice: a few milliseconds of work, so a server stays responsive between slices. */
const SLICE = 250;

/**
 * The same generation as `generateDemo`, item for item, in slices: each `next()` simulates up to
 * `slice` shoppers and yields how many of all of them are done, so that a caller (the server's
 * background demo load) can answer requests and show progress between slices. The last `next()`
 * returns the data.
 */
export function* generateDemoInSlices(
  map: JourneyMap,
  options: DemoOptions,
  slice = SLICE,
): Generator<{ done: number; total: number }, DemoData, void> {
  const { seed = 1, customers = 20_000, months = 12, now } = options;
  if (!Number.isInteger(customers) || customers < 0)
    throw new RangeError('customers must be a whole number ≥ 0');
  if (!Number.isInteger(months) || months < 1) throw new RangeError('months must be a whole number ≥ 1');
  if (!Number.isFinite(now)) throw new RangeError('now must be an instant in epoch milliseconds');
  const gaps = vocabularyGaps(indexJourney(map));
  if (gaps.length) throw new Error(`the demo data needs the retail journey map: ${gaps.join('; ')}`);

  const start = monthsBefore(now, months);
  const recorder = new Recorder(start, now);
  const visitors = Math.round(customers * ANONYMOUS_VISITORS_PER_CUSTOMER);
  const total = customers + visitors;
  for (let no = 1; no <= customers; no++) {
    const rng = createRandom(seed, STREAM.customer, no);
    const profile = drawProfile(rng, no);
    const shopper = new Shopper(rng, recorder, { customerId: `demo-c-${no}` }, profile.utcOffset, no);
    customerJourney(shopper, arrivalTime(rng, start, now, ARRIVAL_GROWTH, profile.utcOffset), profile);
    if (no % slice === 0) yield { done: no, total };
  }
  for (let no = 1; no <= visitors; no++) {
    const rng = createRandom(seed, STREAM.visitor, no);
    const utcOffset = drawUtcOffset(rng);
    const shopper = new Shopper(rng, recorder, { anonymousId: `demo-a-${no}` }, utcOffset, no);
    visitorJourney(shopper, arrivalTime(rng, start, now, ARRIVAL_GROWTH, utcOffset));
    if (no % slice === 0) yield { done: customers + no, total };
  }
  return recorder.finish();
}
