/** One of the customer's own events, as the contextual answers read them. */
export interface CustomerEvent {
  name: string;
  /** epoch ms */
  at: number;
  properties: Record<string, unknown>;
}

/**
 * Which event names and properties tell an order's story. The defaults are the retail template's
 * (and the demo shop's); a shop that names them otherwise sets its own.
 */
export interface OrderVocabulary {
  placed: string;
  shipped: string;
  delayed: string;
  delivered: string;
  returned: string;
  refunded: string;
}

export const RETAIL_ORDER_EVENTS: OrderVocabulary = {
  placed: 'Order Completed',
  shipped: 'Order Shipped',
  delayed: 'Delivery Delayed',
  delivered: 'Order Delivered',
  returned: 'Return Requested',
  refunded: 'Refund Issued',
};

export type OrderStatus = 'placed' | 'shipped' | 'delayed' | 'delivered';

export interface OrderState {
  orderId: string;
  placedAt: number;
  status: OrderStatus;
  carrier: string | null;
  trackingUrl: string | null;
  /** The promised delivery date (YYYY-MM-DD) as the shop sent it, or null when it sent none. */
  promisedDate: string | null;
  /** The newest estimate after a delay notice (YYYY-MM-DD), or null. */
  newEstimate: string | null;
  deliveredAt: number | null;
  /**
   * Whole days past the promised date: delivered that many days late, or (not yet delivered)
   * that many days overdue today. 0 when on time or not yet due; null with no promised date.
   */
  lateByDays: number | null;
  returnRequestedAt: number | null;
  refund: { issuedAt: number; amount: number | null; currency: string | null } | null;
}

const DAY = 86_400_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);
const date = (v: unknown): string | null => {
  const s = text(v);
  if (s === null) return null;
  const day = s.slice(0, 10);
  return DATE.test(day) && Number.isFinite(Date.parse(`${day}T00:00:00Z`)) ? day : null;
};
/** Only http(s) links are shown: a stored `javascript:` URL must never become a link. */
const link = (v: unknown): string | null => {
  const s = text(v);
  if (s === null) return null;
  try {
    const url = new URL(s);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
};

/** Calendar days from `from` (YYYY-MM-DD) to the UTC day of `at`; negative when `at` is earlier. */
export function daysAfter(from: string, at: number): number {
  const start = Date.parse(`${from}T00:00:00Z`);
  const day = Math.floor(at / DAY) * DAY;
  return Math.round((day - start) / DAY);
}

/**
 * The latest order's state from the customer's events (any order; by the time it was placed).
 * Events name their order by `orderId`; events without one are ignored. Returns null when the
 * customer has placed no order.
 */
export function latestOrder(
  events: readonly CustomerEvent[],
  now: number,
  vocabulary: OrderVocabulary = RETAIL_ORDER_EVENTS,
): OrderState | null {
  let placed: CustomerEvent | null = null;
  for (const e of events) {
    if (e.name !== vocabulary.placed || text(e.properties.orderId) === null) continue;
    if (placed === null || e.at >= placed.at) placed = e;
  }
  if (placed === null) return null;
  const orderId = text(placed.properties.orderId)!;
  const own = events.filter((e) => e.properties.orderId === orderId).sort((a, b) => a.at - b.at);
  const state: OrderState = {
    orderId,
    placedAt: placed.at,
    status: 'placed',
    carrier: null,
    trackingUrl: null,
    promisedDate: date(placed.properties.promisedDate),
    newEstimate: null,
    deliveredAt: null,
    lateByDays: null,
    returnRequestedAt: null,
    refund: null,
  };
  for (const e of own) {
    const p = e.properties;
    state.carrier = text(p.carrier) ?? state.carrier;
    state.trackingUrl = link(p.trackingUrl) ?? state.trackingUrl;
    state.promisedDate = date(p.promisedDate) ?? state.promisedDate;
    if (e.name === vocabulary.shipped && state.status === 'placed') state.status = 'shipped';
    if (e.name === vocabulary.delayed && state.status !== 'delivered') {
      state.status = 'delayed';
      state.newEstimate = date(p.newEstimate) ?? state.newEstimate;
    }
    if (e.name === vocabulary.delivered) {
      state.status = 'delivered';
      state.deliveredAt = e.at;
    }
    if (e.name === vocabulary.returned) state.returnRequestedAt ??= e.at;
    if (e.name === vocabulary.refunded) {
      const amount = typeof p.amount === 'number' && Number.isFinite(p.amount) ? p.amount : null;
      state.refund = { issuedAt: e.at, amount, currency: text(p.currency) };
    }
  }
  if (state.promisedDate !== null) {
    const late = daysAfter(state.promisedDate, state.deliveredAt ?? now);
    state.lateByDays = Math.max(0, late);
  }
  return state;
}

/**
 * The last day to send an order back: `windowDays` calendar days after the delivery day. Null
 * while the order is not delivered (the window has not started).
 */
export function returnDeadline(order: OrderState, windowDays: number): string | null {
  if (order.deliveredAt === null) return null;
  const day = Math.floor(order.deliveredAt / DAY) * DAY;
  return new Date(day + windowDays * DAY).toISOString().slice(0, 10);
}
