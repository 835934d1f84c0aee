import { productProps } from './browse.ts';
import { CATALOG, type Product } from './catalog.ts';
import {
  ABANDON_AFTER_PAYMENT_FAILURE,
  CHECKOUT_ABANDONMENT,
  CHECKOUT_CES,
  HARD_CHECKOUT_RATE,
  PAYMENT_FAILURE_RATE,
} from './effects.ts';
import { CART, RESPONSE_RATE, type SessionKind } from './rates.ts';
import type { Shopper } from './shopper.ts';
import { MINUTE } from './time.ts';
import { EV, TP } from './vocabulary.ts';

const PAYMENT_METHODS = { card: 0.6, paypal: 0.25, 'apple-pay': 0.15 } as const;
const DECLINE_REASONS = ['card_declined', 'insufficient_funds', '3ds_timeout', 'expired_card'];
const COUPONS = [
  { code: 'WELCOME10', percent: 10 },
  { code: 'SPRING15', percent: 15 },
  { code: 'LOYAL20', percent: 20 },
];

export interface Order {
  id: string;
  completedAt: number;
  products: [Product, ...Product[]];
  /** Whether the checkout that placed it was a hard one: it colours the order's NPS. */
  hardCheckout: boolean;
}

const cents = (x: number) => Math.round(x * 100) / 100;

/**
 * Cart and checkout after a visit that wanted something. Anonymous visitors stop at the cart (checkout
 * asks them to sign up); customers may abandon the cart, the checkout, or the payment.
 */
export function cartAndCheckout(
  s: Shopper,
  start: number,
  viewed: Product[],
  kind: SessionKind,
): { t: number; order?: Order } {
  const { rng } = s;
  let t = start;
  const step = (hard = false) => (t += rng.between(0.5, hard ? 8 : 3) * MINUTE);

  const products: Order['products'] = [viewed[0] ?? rng.pick(CATALOG)];
  for (let n = rng.poisson(CART.extraItemsMean); n > 0; n--)
    products.push(rng.pick(viewed.length ? viewed : CATALOG));
  for (const product of products) s.emit(step(), EV.productAdded, { ...productProps(product), quantity: 1 });
  for (let n = 1 + rng.poisson(0.4); n > 0; n--) s.emit(step(), EV.cartViewed, { items: products.length });
  if (s.customerId === undefined || !rng.chance(CART.startCheckout[kind])) return { t };

  const checkoutId = s.nextId('checkout');
  let amount = products.reduce((sum, p) => sum + p.price, 0);
  s.emit(step(), EV.checkoutStarted, { checkoutId, value: amount, items: products.length });
  const hard = rng.chance(HARD_CHECKOUT_RATE);
  // The CES survey shows when the shopper leaves checkout, whether they paid or gave up.
  const rateCheckout = () => {
    if (!rng.chance(RESPONSE_RATE.checkoutCes)) return;
    const score = 1 + rng.categorical(CHECKOUT_CES[hard ? 'hard' : 'easy']);
    s.answer(t + rng.between(0.2, 2) * MINUTE, TP.checkout, 'ces', score, 'checkout');
  };

  if (rng.chance(CART.coupon)) {
    const coupon = rng.pick(COUPONS);
    const discount = cents((amount * coupon.percent) / 100);
    amount -= discount;
    s.emit(step(hard), EV.couponApplied, { checkoutId, code: coupon.code, discount });
  }
  if (rng.chance(CHECKOUT_ABANDONMENT[hard ? 'hard' : 'easy'])) {
    step(hard);
    rateCheckout();
    return { t };
  }
  let method = rng.weighted(PAYMENT_METHODS);
  s.emit(step(hard), EV.paymentEntered, { checkoutId, method });
  if (rng.chance(PAYMENT_FAILURE_RATE)) {
    s.emit(step(), EV.paymentFailed, { checkoutId, method, reason: rng.pick(DECLINE_REASONS) });
    if (rng.chance(ABANDON_AFTER_PAYMENT_FAILURE)) {
      step();
      rateCheckout();
      return { t };
    }
    method = rng.weighted(PAYMENT_METHODS);
    s.emit(step(hard), EV.paymentEntered, { checkoutId, method, retry: true });
  }
  const id = s.nextId('order');
  s.emit(step(), EV.orderCompleted, {
    orderId: id,
    checkoutId,
    amount: cents(amount),
    currency: 'USD',
    items: products.length,
    method,
    // What was bought, as the Segment e-commerce spec's Order Completed carries it: co-purchase
    // recommendations learn from it. No draw from rng, so the generated data set is otherwise unchanged.
    products: products.map(productProps),
  });
  const order: Order = { id, completedAt: t, products, hardCheckout: hard };
  rateCheckout();
  return { t, order };
}
