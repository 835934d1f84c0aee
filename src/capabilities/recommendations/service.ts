import {
  learnCoPurchases,
  recommend,
  type CoPurchaseModel,
  type Recommendation,
} from '../../core/recommendations/co-purchase.ts';
import type { Store } from '../../platform/store/port.ts';
import type { LearnOptions } from './contract.ts';
import { readPurchases, type Purchases } from './queries.ts';

export const DEFAULT_LEARN: LearnOptions = {
  event: 'Order Completed',
  property: 'products',
  minSupport: 0.01,
  minCustomers: 5,
  alpha: 0.05,
};

export interface Population {
  customers: number;
  purchases: number;
  event: string;
  property: string;
  from: string | null;
  to: string | null;
}

/**
 * How long a model learned for messages is reused. Learning reads every purchase event of the
 * workspace; a workflow sending hundreds of "goes with" emails in a minute would otherwise learn
 * it hundreds of times. Co-purchase rules move slowly (they need many customers to change), so a
 * model a few minutes old recommends the same products; what the customer already has is always
 * read fresh.
 */
export const MESSAGE_MODEL_MAX_AGE_MS = 10 * 60_000;

/** The fields a workflow template reads under `recommendations` (see `forMessage`). */
export const MESSAGE_FIELDS = ['items', 'count'] as const;

/** One product a message recommends, and the product the customer bought that it goes with. */
export interface MessageItem {
  product: string;
  /** The product's name where purchase events carry one (Segment's `products[].name`), else its id. */
  name: string;
  because: string;
  /** The name of `because`, likewise. */
  because_name: string;
  /** Of customers who bought `because`, the share who also bought `product`. */
  confidence: number;
  lift: number;
}

/** What messages reuse for a few minutes: the rules, and the products' names. */
interface MessageModel {
  model: CoPurchaseModel;
  names: ReadonlyMap<string, string>;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function populationOf(purchases: Purchases, options: LearnOptions): Population {
  return {
    customers: purchases.baskets.size,
    purchases: purchases.events,
    event: options.event,
    property: options.property,
    from: iso(purchases.from),
    to: iso(purchases.to),
  };
}

/**
 * Co-purchase recommendations: "customers who bought X also bought Y", learned from every
 * identified customer's purchase events (which event, and which of its properties names the
 * products, are options: the demo shop's `Order Completed` carries a Segment-style `products`
 * list). The API and CLI learn it on each call from the stored events, so they never lag the data;
 * workflow messages reuse a model for up to MESSAGE_MODEL_MAX_AGE_MS (see `forMessage`).
 */
export class RecommendationService {
  /** Models learned for messages, per workspace, with the instant they were learned (see MESSAGE_MODEL_MAX_AGE_MS). */
  private readonly messageModels = new Map<string, { at: number; model: Promise<MessageModel> }>();

  constructor(
    private readonly store: Store,
    private readonly now: () => number = Date.now,
    private readonly messageModelMaxAgeMs = MESSAGE_MODEL_MAX_AGE_MS,
  ) {}

  async model(workspaceId: string, options: LearnOptions = DEFAULT_LEARN) {
    const purchases = await readPurchases(this.store, workspaceId, options.event, options.property);
    const model = learnCoPurchases(purchases.baskets.values(), {
      minSupport: options.minSupport,
      minCustomers: options.minCustomers,
      alpha: options.alpha,
    });
    return { model, population: populationOf(purchases, options), purchases };
  }

  async pairs(workspaceId: string, options: LearnOptions = DEFAULT_LEARN, all = false, limit = 50) {
    const { model, population } = await this.model(workspaceId, options);
    return {
      population,
      tested: model.tested,
      pairs: model.rules.filter((r) => all || r.significant).slice(0, limit),
    };
  }

  /**
   * What to recommend to one customer: products that go with what they bought, never what they
   * already have. The call a workflow's "complementary products" message makes.
   */
  async recommendationsFor(
    workspaceId: string,
    customerId: string,
    limit = 5,
    options: LearnOptions = DEFAULT_LEARN,
  ): Promise<{
    owned: string[];
    recommendations: Recommendation[];
    population: Population;
    model: CoPurchaseModel;
  }> {
    const { model, population, purchases } = await this.model(workspaceId, options);
    const owned = purchases.baskets.get(customerId) ?? new Set<string>();
    return { owned: [...owned].sort(), recommendations: recommend(model, owned, limit), population, model };
  }

  /**
   * The default model for messages, learned at most once per MESSAGE_MODEL_MAX_AGE_MS per
   * workspace (by the injected clock); concurrent callers share one learning. A failed learning
   * is not kept, so the next message tries again.
   */
  private messageModel(workspaceId: string): Promise<MessageModel> {
    const now = this.now();
    const cached = this.messageModels.get(workspaceId);
    if (cached && now - cached.at < this.messageModelMaxAgeMs) return cached.model;
    const model = this.model(workspaceId).then((m) => ({ model: m.model, names: m.purchases.names }));
    const entry = { at: now, model };
    this.messageModels.set(workspaceId, entry);
    model.catch(() => {
      if (this.messageModels.get(workspaceId) === entry) this.messageModels.delete(workspaceId);
    });
    return model;
  }

  /**
   * What a workflow message (the shipped `complementary-products` template) reads under
   * `recommendations`: up to `limit` products that significantly go with something the customer
   * bought, never one they have, each with the product it goes with; `count` lets a branch send
   * nothing when there is none. The model may be a few minutes old; the customer's own purchases
   * are read now, so something bought since is never recommended.
   */
  async forMessage(
    workspaceId: string,
    customerId: string,
    limit = 3,
  ): Promise<{ items: MessageItem[]; count: number }> {
    const [{ model, names }, mine] = await Promise.all([
      this.messageModel(workspaceId),
      readPurchases(this.store, workspaceId, DEFAULT_LEARN.event, DEFAULT_LEARN.property, customerId),
    ]);
    const owned = mine.baskets.get(customerId) ?? new Set<string>();
    // Names from every customer's events; the customer's own newer events may name what they bought since.
    const name = (id: string) => names.get(id) ?? mine.names.get(id) ?? id;
    const items = recommend(model, owned, limit).map((r) => ({
      product: r.product,
      name: name(r.product),
      because: r.because,
      because_name: name(r.because),
      confidence: r.confidence,
      lift: r.lift,
    }));
    return { items, count: items.length };
  }
}
