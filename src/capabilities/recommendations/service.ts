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
 * list). Learned on each call from the stored events, so a recommendation never lags the data.
 */
export class RecommendationService {
  constructor(private readonly store: Store) {}

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
}
