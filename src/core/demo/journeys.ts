import { aftercare } from './aftercare.ts';
import { awareness, research, searchClick } from './browse.ts';
import { CATALOG } from './catalog.ts';
import { cartAndCheckout, type Order } from './checkout.ts';
import { segmentFor, type Profile } from './customers.ts';
import { ACQUISITION, COMEBACK, QUIET_BROWSING, REPEAT_GAP_DAYS, RETRY } from './rates.ts';
import type { Shopper } from './shopper.ts';
import { DAY, MINUTE, sessionAfter } from './time.ts';
import { ACCOUNT_CLOSED_TOUCHPOINT, EV } from './vocabulary.ts';

const CLOSE_REASONS = [
  'not satisfied',
  'too many emails',
  'found a better price',
  'privacy',
  'moving abroad',
];

/**
 * Sessions towards one order: a first purchase, or a returning customer's next one. After a session
 * without an order the shopper may try again days later; most first-time visitors do not.
 */
function shop(s: Shopper, start: number, intent: 'first' | 'repeat'): { t: number; order?: Order } {
  let t = start;
  for (let session = 0; session < RETRY.maxSessions && t <= s.horizon; session++) {
    const kind = session === 0 ? intent : intent === 'first' ? 'return' : 'repeat';
    const visit = research(s, t, kind);
    t = visit.t;
    if (visit.carted) {
      const checkout = cartAndCheckout(s, t, visit.viewed, kind);
      if (checkout.order) return checkout;
      t = checkout.t;
    }
    if (!s.rng.chance(RETRY[intent])) break;
    t = sessionAfter(s.rng, t, s.rng.between(RETRY.gapDays[0], RETRY.gapDays[1]), s.utcOffset);
  }
  return { t };
}

/** A returning customer's way back to the shop some weeks after their last delivery. */
function comeBack(s: Shopper, deliveredAt: number, lastOrderId: string): number {
  const { rng } = s;
  const gapDays = REPEAT_GAP_DAYS.min + rng.exponential(REPEAT_GAP_DAYS.mean);
  const t = sessionAfter(rng, deliveredAt, gapDays, s.utcOffset);
  const way = rng.weighted(COMEBACK);
  if (way === 'reminder') s.emit(t, EV.reorderClicked, { orderId: lastOrderId });
  if (way === 'recommendation') s.emit(t, EV.recommendationClicked, { productId: rng.pick(CATALOG).id });
  if (way === 'search') searchClick(s, t);
  return t + MINUTE;
}

/** Customers with nothing to come back for still look in now and then, without buying. */
function quietBrowsing(s: Shopper, after: number): void {
  const { rng } = s;
  if (!rng.chance(QUIET_BROWSING.chance)) return;
  let t = after;
  for (let n = rng.int(1, QUIET_BROWSING.maxSessions); n > 0 && t <= s.horizon; n--) {
    t = sessionAfter(rng, t, rng.between(QUIET_BROWSING.gapDays[0], QUIET_BROWSING.gapDays[1]), s.utcOffset);
    if (rng.chance(0.5)) s.emit(t, EV.recommendationClicked, { productId: rng.pick(CATALOG).id });
    const visit = research(s, t + MINUTE, 'browse');
    t = visit.carted ? cartAndCheckout(s, visit.t, visit.viewed, 'browse').t : visit.t;
  }
}

/** A known customer from first contact to churn, silence, or the end of the window. */
export function customerJourney(s: Shopper, arrival: number, profile: Profile): void {
  const traits = profile.traits;
  s.identify(arrival, traits);
  let attempt = shop(s, awareness(s, arrival, traits.acquisition), 'first');
  while (attempt.order) {
    const order = attempt.order;
    s.orders++;
    const segment = segmentFor(s.orders);
    if (segment !== segmentFor(s.orders - 1)) s.identify(order.completedAt, { ...traits, segment });
    const after = aftercare(s, order);
    if (after.deliveredAt > s.horizon) return; // the rest of this journey lies after `now`
    if (after.next === 'churn') {
      // After everything the last order set in motion (returns, reviews ...): closing ends the journey.
      const closed = Math.max(s.lastSeen, after.deliveredAt + 20 * DAY) + s.rng.between(1, 45) * DAY;
      s.emit(closed, EV.accountClosed, { reason: s.rng.pick(CLOSE_REASONS) }, ACCOUNT_CLOSED_TOUCHPOINT);
      return;
    }
    if (after.next === 'quiet') {
      quietBrowsing(s, after.deliveredAt);
      return;
    }
    attempt = shop(s, comeBack(s, after.deliveredAt, order.id), 'repeat');
  }
  quietBrowsing(s, attempt.t);
}

/** Someone who browses, perhaps fills a cart, and leaves without ever signing up. */
export function visitorJourney(s: Shopper, arrival: number): void {
  const visit = research(s, awareness(s, arrival, s.rng.weighted(ACQUISITION)), 'first');
  if (visit.carted) cartAndCheckout(s, visit.t, visit.viewed, 'first');
}
