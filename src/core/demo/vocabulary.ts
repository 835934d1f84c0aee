import type { JourneyIndex } from '../journey/rules.ts';
import { SUPPORT_CHANNELS } from './rates.ts';

/** The event names the demo emits, as the retail template (templates/retail-ecommerce.yaml) maps them. */
export const EV = {
  adViewed: 'Ad Viewed',
  adClicked: 'Ad Clicked',
  socialEngaged: 'Social Post Engaged',
  searchClicked: 'Search Result Clicked',
  reviewRead: 'Review Read',
  referralOpened: 'Referral Link Opened',
  productViewed: 'Product Viewed',
  outOfStock: 'Product Out Of Stock',
  helpArticle: 'Help Article Viewed',
  presalesChat: 'Pre-sales Chat Started',
  productAdded: 'Product Added',
  cartViewed: 'Cart Viewed',
  checkoutStarted: 'Checkout Started',
  orderCompleted: 'Order Completed',
  paymentEntered: 'Payment Info Entered',
  paymentFailed: 'Payment Failed',
  couponApplied: 'Coupon Applied',
  confirmationSent: 'Order Confirmation Sent',
  shipped: 'Order Shipped',
  delayed: 'Delivery Delayed',
  delivered: 'Order Delivered',
  unboxed: 'Product Unboxed',
  setupGuide: 'Setup Guide Viewed',
  ticketOpened: 'Support Ticket Opened',
  ticketClosed: 'Support Ticket Closed',
  returnRequested: 'Return Requested',
  exchangeRequested: 'Exchange Requested',
  surveySent: 'Follow-up Survey Sent',
  reorderClicked: 'Reorder Reminder Clicked',
  recommendationClicked: 'Recommendation Clicked',
  reviewSubmitted: 'Review Submitted',
  referralSent: 'Referral Sent',
  accountClosed: 'Account Closed',
} as const;

/** Touchpoints that feedback names directly (events leave theirs to the map's rules). */
export const TP = {
  productPages: 'product-pages',
  presalesChat: 'presales-chat',
  checkout: 'checkout',
  delivery: 'delivery',
  unboxing: 'unboxing',
  followUpSurvey: 'followup-survey',
  supportChat: 'support-chat',
  supportEmail: 'support-email',
  supportPhone: 'support-phone',
} as const;

/**
 * The retail template maps no touchpoint to `Account Closed` (it is an outcome), so the event names
 * one itself: closing an account is a request to customer service by email.
 */
export const ACCOUNT_CLOSED_TOUCHPOINT = TP.supportEmail;

/** Why a map cannot carry the demo: touchpoints it lacks and event names it cannot place. */
export function vocabularyGaps(index: JourneyIndex): string[] {
  const gaps: string[] = [];
  for (const id of Object.values(TP)) {
    if (!index.touchpoints.has(id)) gaps.push(`touchpoint "${id}" is missing`);
  }
  for (const name of Object.values(EV)) {
    if (name === EV.accountClosed) continue;
    const ticket = name === EV.ticketOpened || name === EV.ticketClosed;
    const probes = ticket ? Object.keys(SUPPORT_CHANNELS).map((channel) => ({ channel })) : [{}];
    if (probes.some((p) => index.touchpointFor(name, p) === null)) {
      gaps.push(`event "${name}" maps to no touchpoint`);
    }
  }
  return gaps;
}
