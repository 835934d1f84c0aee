import { REFERRAL_CHANNELS } from './browse.ts';
import type { Order } from './checkout.ts';
import {
  AFTER_ORDER,
  DELIVERY_CSAT,
  HARD_CHECKOUT_NPS_SHIFT,
  LATE_DELIVERY_NPS_SHIFT,
  LATE_DELIVERY_RATE,
  REFERRAL_RATE,
  SUPPORT_CONTACT_RATE,
  SUPPORT_CSAT,
  SUPPORT_NPS_SHIFT,
  SUPPORT_RESOLVED_WELL_RATE,
  UNBOXING_CSAT_PLACEBO,
} from './effects.ts';
import { FULFILMENT, NPS_BASE, RESPONSE_RATE, SUPPORT_CHANNELS, TICKET_HOURS } from './rates.ts';
import type { Shopper } from './shopper.ts';
import { DAY, HOUR, MINUTE } from './time.ts';
import { EV, TP } from './vocabulary.ts';

const CARRIERS = ['UPS', 'DHL', 'FedEx', 'USPS'];
const TICKET_REASONS = {
  late: ['late delivery', 'refund for delay', 'compensation request'],
  onTime: ['setup problem', 'damaged item', 'missing part', 'wrong item', 'billing question'],
};
const RETURN_REASONS = ['too small', 'too large', 'not as described', 'changed my mind', 'defective'];
const SUPPORT_TOUCHPOINT = { chat: TP.supportChat, email: TP.supportEmail, phone: TP.supportPhone } as const;

export type NextStep = 'repeat' | 'churn' | 'quiet';
export interface Aftermath {
  deliveredAt: number;
  next: NextStep;
}

const days = (s: Shopper, range: readonly [number, number]) => s.rng.between(range[0], range[1]) * DAY;

/** Shipping and delivery: late parcels get a delay notice and arrive days after the promised date. */
function deliver(s: Shopper, order: Order): { deliveredAt: number; late: boolean } {
  const orderId = order.id;
  const carrier = s.rng.pick(CARRIERS);
  const confirmed = order.completedAt + s.rng.between(0.5, 5) * MINUTE;
  s.emit(confirmed, EV.confirmationSent, { orderId });
  const shipped = confirmed + days(s, FULFILMENT.shipDays);
  const promised = shipped + FULFILMENT.transitDays[1] * DAY;
  // What a shipping update, a delay notice (workflows) and "where is my order" (answers) need;
  // derived without drawing from the random stream, so the rest of the data set is unchanged.
  const trackingUrl = `https://track.example/${encodeURIComponent(carrier)}/${orderId}`;
  s.emit(shipped, EV.shipped, {
    orderId,
    carrier,
    promisedDate: new Date(promised).toISOString(),
    trackingUrl,
  });
  const late = s.rng.chance(LATE_DELIVERY_RATE);
  if (!late) {
    const deliveredAt = shipped + days(s, FULFILMENT.transitDays);
    s.emit(deliveredAt, EV.delivered, { orderId, carrier, late });
    return { deliveredAt, late };
  }
  const deliveredAt = promised + days(s, FULFILMENT.lateByDays);
  s.emit(promised - s.rng.between(0.5, 2) * DAY, EV.delayed, {
    orderId,
    carrier,
    newEstimate: new Date(deliveredAt).toISOString().slice(0, 10),
  });
  s.emit(deliveredAt, EV.delivered, { orderId, carrier, late });
  return { deliveredAt, late };
}

/**
 * A support ticket about the order within a week of delivery (so it is closed before the follow-up
 * survey); returns the NPS shift its resolution causes.
 */
function supportTicket(s: Shopper, order: Order, deliveredAt: number, late: boolean): number {
  const { rng } = s;
  const ticketId = s.nextId('ticket');
  const channel = rng.weighted(SUPPORT_CHANNELS);
  const opened = deliveredAt + rng.between(0.05, 7) * DAY;
  const reason = rng.pick(TICKET_REASONS[late ? 'late' : 'onTime']);
  s.emit(opened, EV.ticketOpened, { ticketId, channel, orderId: order.id, reason });
  const closed = opened + rng.between(...TICKET_HOURS[channel]) * HOUR;
  s.emit(closed, EV.ticketClosed, { ticketId, channel, orderId: order.id });
  const resolution = rng.chance(SUPPORT_RESOLVED_WELL_RATE) ? 'well' : 'badly';
  if (rng.chance(RESPONSE_RATE.supportCsat)) {
    const score = 1 + rng.categorical(SUPPORT_CSAT[resolution]);
    s.answer(closed + rng.between(5, 600) * MINUTE, SUPPORT_TOUCHPOINT[channel], 'csat', score, 'support');
  }
  return SUPPORT_NPS_SHIFT[resolution];
}

/** Everything after an order: delivery, unboxing, support, returns, the follow-up survey and what next. */
export function aftercare(s: Shopper, order: Order): Aftermath {
  const { rng } = s;
  const orderId = order.id;
  const product = order.products[0];
  const { deliveredAt, late } = deliver(s, order);
  const at = (range: readonly [number, number]) => deliveredAt + days(s, range);

  if (rng.chance(RESPONSE_RATE.deliveryCsat)) {
    const score = 1 + rng.categorical(DELIVERY_CSAT[late ? 'late' : 'onTime']);
    s.answer(at([0.05, 2]), TP.delivery, 'csat', score, late ? 'lateDelivery' : 'delivery');
  }
  if (rng.chance(FULFILMENT.unboxed)) {
    const unboxed = at([0.01, 1.5]);
    s.emit(unboxed, EV.unboxed, { orderId, productId: product.id });
    if (rng.chance(RESPONSE_RATE.unboxingCsat)) {
      const score = 1 + rng.categorical(UNBOXING_CSAT_PLACEBO);
      s.answer(unboxed + rng.between(5, 60) * MINUTE, TP.unboxing, 'csat', score, 'unboxing');
    }
  }
  if (rng.chance(FULFILMENT.setupGuide)) s.emit(at([0.05, 5]), EV.setupGuide, { productId: product.id });

  let npsShift = (late ? LATE_DELIVERY_NPS_SHIFT : 0) + (order.hardCheckout ? HARD_CHECKOUT_NPS_SHIFT : 0);
  if (rng.chance(SUPPORT_CONTACT_RATE[late ? 'late' : 'onTime'])) {
    npsShift += supportTicket(s, order, deliveredAt, late);
  }
  if (rng.chance(FULFILMENT.returned)) {
    s.emit(at([2, 20]), EV.returnRequested, { orderId, reason: rng.pick(RETURN_REASONS) });
  } else if (rng.chance(FULFILMENT.exchanged)) {
    s.emit(at([2, 20]), EV.exchangeRequested, { orderId, reason: rng.pick(RETURN_REASONS.slice(0, 2)) });
  }

  // What the customer now thinks of the shop, whether or not they are asked.
  const opinion = Math.min(10, Math.max(0, Math.round(rng.normal(NPS_BASE.mean + npsShift, NPS_BASE.sd))));
  if (rng.chance(FULFILMENT.followUpSurvey)) {
    const sent = at(FULFILMENT.surveyDays);
    s.emit(sent, EV.surveySent, { orderId });
    if (rng.chance(RESPONSE_RATE.nps)) {
      const topic = late && opinion <= 6 ? 'lateDelivery' : 'relationship';
      s.answer(sent + rng.between(0.5, 72) * HOUR, TP.followUpSurvey, 'nps', opinion, topic);
    }
  }
  if (rng.chance(FULFILMENT.reviewed)) {
    const rating = Math.max(1, Math.round(opinion / 2));
    s.emit(at([3, 20]), EV.reviewSubmitted, { orderId, productId: product.id, rating });
  }
  if (rng.chance(REFERRAL_RATE[opinion >= 9 ? 'promoter' : 'other'])) {
    s.emit(at([5, 40]), EV.referralSent, { channel: rng.pick(REFERRAL_CHANNELS) });
  }

  const odds = AFTER_ORDER[late ? 'late' : 'onTime'];
  const u = rng.next();
  const next: NextStep = u < odds.churn ? 'churn' : u < odds.churn + odds.repeat ? 'repeat' : 'quiet';
  return { deliveredAt, next };
}
