import { BY_CATEGORY, CATALOG, type Product } from './catalog.ts';
import { OUT_OF_STOCK_CART_FACTOR } from './effects.ts';
import { AD_VIEWS_MEAN, PRESALES_CSAT, PRODUCT_PAGE_CSAT, RESPONSE_RATE, SESSION } from './rates.ts';
import type { Acquisition, SessionKind } from './rates.ts';
import type { Shopper } from './shopper.ts';
import { DAY, HOUR, MINUTE, sessionAfter } from './time.ts';
import { EV, TP } from './vocabulary.ts';

const CAMPAIGNS = ['spring-sale', 'new-arrivals', 'retargeting', 'brand-awareness', 'holiday-gifts'];
const NETWORKS = ['instagram', 'tiktok', 'facebook', 'pinterest'];
const ENGINES = ['google', 'bing', 'duckduckgo'];
const ARTICLES = ['shipping-times', 'returns-policy', 'size-guide', 'payment-methods', 'warranty'];
const CHAT_TOPICS = ['sizing', 'compatibility', 'delivery time', 'stock', 'discounts'];
/** How a referral travels from the customer who sends it to the friend who opens it. */
export const REFERRAL_CHANNELS = ['email', 'whatsapp', 'link'];

export const productProps = (p: Product) => ({ productId: p.id, category: p.category, price: p.price });

/** A search click, as a first visit or a returning customer's way back. */
export function searchClick(s: Shopper, t: number): void {
  const product = s.rng.pick(CATALOG);
  s.emit(t, EV.searchClicked, { engine: s.rng.pick(ENGINES), query: `${product.category} ${product.name}` });
}

/** How someone first meets the shop; returns when their first visit starts. */
export function awareness(s: Shopper, arrival: number, via: Acquisition): number {
  const { rng } = s;
  switch (via) {
    case 'ads': {
      // Impressions over a few days, then the click that brings them in.
      const campaign = rng.pick(CAMPAIGNS);
      let t = arrival;
      for (let views = 1 + rng.poisson(AD_VIEWS_MEAN); views > 0; views--) {
        s.emit(t, EV.adViewed, { campaign });
        t += rng.between(2 * HOUR, 2 * DAY);
      }
      const click = sessionAfter(rng, t, 0, s.utcOffset);
      s.emit(click, EV.adClicked, { campaign });
      return click + MINUTE;
    }
    case 'social':
      s.emit(arrival, EV.socialEngaged, { network: rng.pick(NETWORKS) });
      return arrival + rng.between(1, 30) * MINUTE;
    case 'search':
      searchClick(s, arrival);
      return arrival + MINUTE;
    case 'referral':
      s.emit(arrival, EV.referralOpened, { channel: rng.pick(REFERRAL_CHANNELS) });
      return arrival + MINUTE;
    case 'organic':
      // Some read reviews elsewhere first; the rest just type the address.
      if (!rng.chance(0.5)) return arrival;
      s.emit(arrival, EV.reviewRead, { source: rng.pick(['trustpilot', 'blog', 'forum']) });
      return arrival + rng.between(5, 120) * MINUTE;
  }
}

export interface Visit {
  /** When the visit ended. */
  t: number;
  /** Products looked at and in stock, first seen first: the cart starts from these. */
  viewed: Product[];
  carted: boolean;
}

/** A browsing session: product pages, maybe an FAQ article, reviews or a pre-sales chat. */
export function research(s: Shopper, start: number, kind: SessionKind): Visit {
  const { rng } = s;
  let t = start;
  const step = () => (t += rng.between(0.3, 4) * MINUTE);
  const first = rng.pick(CATALOG);
  let viewed = [first];
  s.emit(t, EV.productViewed, productProps(first));
  for (let n = rng.poisson(SESSION.extraProductViews[kind]); n > 0; n--) {
    // People mostly compare within one category.
    const pool = rng.chance(0.6) ? (BY_CATEGORY.get(first.category) ?? CATALOG) : CATALOG;
    const product = rng.pick(pool);
    viewed.push(product);
    s.emit(step(), EV.productViewed, productProps(product));
  }
  const outOfStock = rng.chance(SESSION.outOfStock);
  if (outOfStock) {
    const missing = rng.pick(viewed);
    s.emit(step(), EV.outOfStock, { productId: missing.id });
    viewed = viewed.filter((p) => p !== missing);
  }
  if (rng.chance(SESSION.helpArticle)) s.emit(step(), EV.helpArticle, { article: rng.pick(ARTICLES) });
  if (kind === 'first' && rng.chance(SESSION.reviewRead)) {
    s.emit(step(), EV.reviewRead, { source: 'site', productId: first.id });
  }
  if (rng.chance(SESSION.presalesChat)) {
    s.emit(step(), EV.presalesChat, { topic: rng.pick(CHAT_TOPICS) });
    t += rng.between(3, 20) * MINUTE;
    if (rng.chance(RESPONSE_RATE.presalesCsat)) {
      s.answer(t, TP.presalesChat, 'csat', 1 + rng.categorical(PRESALES_CSAT), 'presales');
    }
  }
  if (rng.chance(RESPONSE_RATE.productPageCsat)) {
    s.answer(step(), TP.productPages, 'csat', 1 + rng.categorical(PRODUCT_PAGE_CSAT), 'productPages');
  }
  const cartChance = s.customerId === undefined ? SESSION.anonymousAddToCart : SESSION.addToCart[kind];
  const carted = rng.chance(cartChance * (outOfStock ? OUT_OF_STOCK_CART_FACTOR : 1));
  return { t, viewed, carted };
}
