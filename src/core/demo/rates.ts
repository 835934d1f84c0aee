/**
 * Baseline behaviour of the demo shop: plausible rates for a small online retailer. Unlike
 * `effects.ts`, nothing here depends on what happened earlier in a journey.
 */

/** Anonymous visitors (research, maybe a cart, never sign up) per known customer. */
export const ANONYMOUS_VISITORS_PER_CUSTOMER = 0.6;

/** Arrivals grow over the window: the daily rate rises linearly from 1 - g to 1 + g times the mean. */
export const ARRIVAL_GROWTH = 0.25;

export const ACQUISITION = { ads: 0.3, search: 0.25, social: 0.15, referral: 0.1, organic: 0.2 } as const;
export type Acquisition = keyof typeof ACQUISITION;

/** Ad impressions before the click. */
export const AD_VIEWS_MEAN = 2;

export const SESSION = {
  /**
   * Product pages viewed beyond the first, per session: a first visit, a return after an abandoned
   * one, a returning customer's next purchase, or idle browsing by a customer with nothing to buy.
   */
  extraProductViews: { first: 3, return: 2, repeat: 1.5, browse: 1 },
  helpArticle: 0.22,
  reviewRead: 0.2,
  presalesChat: 0.08,
  outOfStock: 0.06,
  addToCart: { first: 0.55, return: 0.65, repeat: 0.85, browse: 0.1 },
  /** Anonymous visitors rarely fill a cart and never check out: checkout asks them to sign up. */
  anonymousAddToCart: 0.15,
} as const;
export type SessionKind = keyof typeof SESSION.addToCart;

export const CART = {
  /** Products added beyond the first. */
  extraItemsMean: 0.6,
  /** Idle browsers fill a cart now and then but never check out. */
  startCheckout: { first: 0.75, return: 0.75, repeat: 0.85, browse: 0 },
  coupon: 0.18,
} as const;

/** After a session without an order: chance of another try, days until it, and at most how many tries. */
export const RETRY = { first: 0.45, repeat: 0.85, gapDays: [1, 14], maxSessions: 5 } as const;

export const FULFILMENT = {
  shipDays: [0.3, 2],
  transitDays: [1, 4],
  /** How far past the promised date a late parcel arrives. */
  lateByDays: [1.5, 6],
  unboxed: 0.6,
  setupGuide: 0.3,
  returned: 0.07,
  exchanged: 0.03,
  reviewed: 0.1,
  followUpSurvey: 0.9,
  /** Days after delivery that the follow-up (NPS) survey goes out. */
  surveyDays: [10, 14],
} as const;

export const SUPPORT_CHANNELS = { chat: 0.5, email: 0.3, phone: 0.2 } as const;
export type SupportChannel = keyof typeof SUPPORT_CHANNELS;

/** Hours from opening to closing a ticket, by channel. */
export const TICKET_HOURS: Record<SupportChannel, readonly [number, number]> = {
  chat: [0.15, 1],
  email: [4, 48],
  phone: [0.1, 0.7],
};

/** Days until a returning customer shops again: a floor plus an exponential wait. */
export const REPEAT_GAP_DAYS = { min: 14, mean: 35 } as const;

/** How a returning customer comes back. */
export const COMEBACK = { reminder: 0.35, recommendation: 0.3, search: 0.15, direct: 0.2 } as const;

/** Customers without an order to come back for still browse now and then. */
export const QUIET_BROWSING = { chance: 0.45, maxSessions: 3, gapDays: [10, 90] } as const;

/** Chance that a survey is answered. */
export const RESPONSE_RATE = {
  checkoutCes: 0.5,
  deliveryCsat: 0.5,
  unboxingCsat: 0.45,
  supportCsat: 0.55,
  nps: 0.5,
  presalesCsat: 0.5,
  productPageCsat: 0.05,
} as const;

/** NPS opinion before the planted shifts: a normal, rounded and clipped to 0-10. */
export const NPS_BASE = { mean: 8.3, sd: 1.7 } as const;

/** CSAT (1-5) for touchpoints without a planted effect. */
export const PRESALES_CSAT = [0.05, 0.07, 0.13, 0.35, 0.4] as const;
export const PRODUCT_PAGE_CSAT = [0.06, 0.09, 0.2, 0.38, 0.27] as const;

/** Chance that a response carries a comment: unhappy customers write more. */
export const COMMENT_RATE = { negative: 0.45, neutral: 0.2, positive: 0.25 } as const;
