/**
 * The effects planted in the demo data. Analyses are tested by recovering them, so each one is caused
 * by the generator (the journey code reads these constants) and nothing else is: apart from these, a
 * customer's scores and choices are drawn independently of each other.
 *
 * Score distributions are probabilities for each point of the scale, lowest point first.
 */

// 1. Late delivery --------------------------------------------------------------------------------

/** Share of orders the carrier delivers after the promised date (each gets a `Delivery Delayed` notice). */
export const LATE_DELIVERY_RATE = 0.17;

/** Delivery CSAT (1-5): mean 4.29 when on time, 2.30 when late. */
export const DELIVERY_CSAT = {
  onTime: [0.02, 0.04, 0.08, 0.35, 0.51],
  late: [0.3, 0.3, 0.25, 0.1, 0.05],
} as const;

/**
 * Points a late delivery takes off the NPS (0-10) the customer gives for that order weeks later. The
 * observed gap is nearer -2.2: late orders get more tickets, whose good resolutions win points back,
 * and the 0-10 scale clips.
 */
export const LATE_DELIVERY_NPS_SHIFT = -2.5;

/** Chance that a delivered order leads to a support ticket within ten days: late orders almost triple it. */
export const SUPPORT_CONTACT_RATE = { onTime: 0.12, late: 0.32 } as const;

/**
 * What a customer does after an order: come back to shop again, close the account, or (the rest) go
 * quiet. Returning shoppers can still abandon a checkout, so observed repeat-order rates come out a
 * little lower than `repeat` (about 0.38 against 0.23 within 150 days).
 */
export const AFTER_ORDER = {
  onTime: { repeat: 0.45, churn: 0.03 },
  late: { repeat: 0.25, churn: 0.1 },
} as const;

// 2. High-effort checkout -------------------------------------------------------------------------

/** Share of checkout sessions that are hard (address form errors, forced sign-up, a slow payment page). */
export const HARD_CHECKOUT_RATE = 0.25;

/** Checkout CES (1-7, 7 = very easy): 80 % of hard sessions rate 1-3 (mean 2.5), 6 % of easy ones (mean 5.7). */
export const CHECKOUT_CES = {
  easy: [0.01, 0.02, 0.03, 0.09, 0.2, 0.35, 0.3],
  hard: [0.25, 0.3, 0.25, 0.12, 0.05, 0.02, 0.01],
} as const;

/** Chance of leaving a started checkout before paying: a hard session more than doubles it. */
export const CHECKOUT_ABANDONMENT = { easy: 0.15, hard: 0.4 } as const;

/** NPS points a hard checkout takes off the order's later NPS: smaller than a late delivery's. */
export const HARD_CHECKOUT_NPS_SHIFT = -0.8;

// 3. Failed payment -------------------------------------------------------------------------------

/** Share of payment attempts the payment provider declines. */
export const PAYMENT_FAILURE_RATE = 0.08;

/** Chance of giving up after a declined payment; the others retry and complete the order. */
export const ABANDON_AFTER_PAYMENT_FAILURE = 0.45;

// 4. Support recovery -----------------------------------------------------------------------------

/** Share of support tickets resolved well. */
export const SUPPORT_RESOLVED_WELL_RATE = 0.65;

/** Support CSAT (1-5) by how the ticket was resolved. */
export const SUPPORT_CSAT = {
  well: [0, 0.01, 0.06, 0.33, 0.6],
  badly: [0.4, 0.33, 0.2, 0.05, 0.02],
} as const;

/**
 * NPS points a ticket adds to that order's NPS: a good resolution wins back about half of what a late
 * delivery costs, a bad one makes things worse.
 */
export const SUPPORT_NPS_SHIFT = { well: 1.3, badly: -1.0 } as const;

// 5. Placebo --------------------------------------------------------------------------------------

/**
 * Unboxing CSAT (1-5, mean 3.96) is drawn from this one distribution for everybody and changes
 * nothing later: an analysis that finds an effect of, or on, unboxing is inventing it.
 */
export const UNBOXING_CSAT_PLACEBO = [0.04, 0.06, 0.15, 0.4, 0.35] as const;

// Smaller effects ---------------------------------------------------------------------------------
// Review stars are the order's NPS opinion halved, so they carry effects 1, 2 and 4 along.

/** Promoters (NPS opinion 9-10) refer friends far more often, so late deliveries also cost referrals. */
export const REFERRAL_RATE = { promoter: 0.12, other: 0.02 } as const;

/** Seeing an out-of-stock notice halves the chance of adding something to the cart in that session. */
export const OUT_OF_STOCK_CART_FACTOR = 0.5;
