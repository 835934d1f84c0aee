import { InputError } from '../issues.ts';
import { holmAdjust } from '../stats/holm.ts';
import { hypergeometricUpperTail } from './hypergeometric.ts';

export interface CoPurchaseOptions {
  /** The least share of customers who bought both products for a pair to be considered (0-1). */
  minSupport: number;
  /** The least number of customers who bought both, whatever the share (small shops). */
  minCustomers: number;
  /** Family-wise error rate of the co-purchase tests (Holm over every pair considered). */
  alpha: number;
}

export const DEFAULT_CO_PURCHASE: CoPurchaseOptions = { minSupport: 0.01, minCustomers: 5, alpha: 0.05 };

/** "Customers who bought `product` also bought `also`": one direction of a co-purchased pair. */
export interface CoPurchaseRule {
  product: string;
  also: string;
  /** Customers who bought both. */
  together: number;
  /** Customers who bought `product`. */
  productCustomers: number;
  /** Customers who bought `also`. */
  alsoCustomers: number;
  /** together / customers: the share of all buying customers who bought both. */
  support: number;
  /** together / productCustomers: of those who bought `product`, the share who bought `also`. */
  confidence: number;
  /** confidence / (alsoCustomers / customers): how many times likelier `also` is after `product`. */
  lift: number;
  /** Fisher's one-sided exact test of independence, and its Holm-adjusted value. */
  p: number;
  pAdjusted: number;
  /** Lift above 1 and the adjusted p below alpha: the pair goes together beyond chance. */
  significant: boolean;
}

export interface CoPurchaseModel {
  /** Customers with at least one purchase: the population every share counts. */
  customers: number;
  /** Pairs meeting the minimum support (tested), in both directions, strongest first. */
  rules: CoPurchaseRule[];
  /** Unordered pairs tested (the Holm family). */
  tested: number;
  options: CoPurchaseOptions;
}

export function checkOptions(options: CoPurchaseOptions): void {
  const issues = [];
  if (!(options.minSupport >= 0 && options.minSupport <= 1))
    issues.push({ path: 'minSupport', code: 'out_of_range', message: 'minSupport is a share from 0 to 1' });
  if (!(Number.isInteger(options.minCustomers) && options.minCustomers >= 1))
    issues.push({
      path: 'minCustomers',
      code: 'out_of_range',
      message: 'minCustomers is a whole number, at least 1',
    });
  if (!(options.alpha > 0 && options.alpha < 1))
    issues.push({ path: 'alpha', code: 'out_of_range', message: 'alpha is between 0 and 1' });
  if (issues.length) throw new InputError(issues);
}

/**
 * Learns co-purchase rules from what each customer bought (a set of products per customer, over
 * the whole period given). A pair counts once per customer, however often they bought it. Pairs
 * below the minimum support are not tested; the others are tested for independence and adjusted
 * together, so that among many products chance pairs are not reported as going together.
 */
export function learnCoPurchases(
  baskets: Iterable<ReadonlySet<string>>,
  options: CoPurchaseOptions = DEFAULT_CO_PURCHASE,
): CoPurchaseModel {
  checkOptions(options);
  const single = new Map<string, number>();
  const pairs = new Map<string, number>();
  let customers = 0;
  for (const basket of baskets) {
    if (basket.size === 0) continue;
    customers++;
    const items = [...basket].sort();
    for (let i = 0; i < items.length; i++) {
      single.set(items[i]!, (single.get(items[i]!) ?? 0) + 1);
      for (let j = i + 1; j < items.length; j++) {
        const key = `${items[i]}\u0000${items[j]}`;
        pairs.set(key, (pairs.get(key) ?? 0) + 1);
      }
    }
  }
  const least = Math.max(options.minCustomers, Math.ceil(options.minSupport * customers));
  const kept = [...pairs].filter(([, together]) => together >= least);
  const p = kept.map(([key, together]) => {
    const [a, b] = key.split('\u0000') as [string, string];
    return hypergeometricUpperTail(together, customers, single.get(b)!, single.get(a)!);
  });
  const adjusted = holmAdjust(p);
  const rules: CoPurchaseRule[] = kept.flatMap(([key, together], i) => {
    const [a, b] = key.split('\u0000') as [string, string];
    return [
      [a, b],
      [b, a],
    ].map(([product, also]) => {
      const productCustomers = single.get(product!)!;
      const alsoCustomers = single.get(also!)!;
      const confidence = together / productCustomers;
      const lift = confidence / (alsoCustomers / customers);
      const pAdjusted = adjusted[i]!;
      return {
        product: product!,
        also: also!,
        together,
        productCustomers,
        alsoCustomers,
        support: together / customers,
        confidence,
        lift,
        p: p[i]!,
        pAdjusted,
        significant: lift > 1 && pAdjusted < options.alpha,
      };
    });
  });
  // A total order (names last), so the same purchases give the same list whatever order the store read them in.
  rules.sort(
    (x, y) =>
      Number(y.significant) - Number(x.significant) ||
      y.lift - x.lift ||
      y.confidence - x.confidence ||
      x.product.localeCompare(y.product) ||
      x.also.localeCompare(y.also),
  );
  return { customers, rules, tested: kept.length, options };
}

export interface Recommendation {
  product: string;
  /** The product the customer has that it goes with (the strongest such rule). */
  because: string;
  confidence: number;
  lift: number;
  support: number;
  together: number;
}

/**
 * Products to recommend to a customer who has `owned`: those that significantly go with something
 * they have, never something they already have, by confidence (then lift), at most `limit`.
 */
export function recommend(
  model: CoPurchaseModel,
  owned: ReadonlySet<string>,
  limit: number,
): Recommendation[] {
  const best = new Map<string, Recommendation>();
  for (const rule of model.rules) {
    if (!rule.significant || !owned.has(rule.product) || owned.has(rule.also)) continue;
    const before = best.get(rule.also);
    if (
      before &&
      (before.confidence > rule.confidence ||
        (before.confidence === rule.confidence && before.lift >= rule.lift))
    )
      continue;
    best.set(rule.also, {
      product: rule.also,
      because: rule.product,
      confidence: rule.confidence,
      lift: rule.lift,
      support: rule.support,
      together: rule.together,
    });
  }
  return [...best.values()]
    .sort((a, b) => b.confidence - a.confidence || b.lift - a.lift || a.product.localeCompare(b.product))
    .slice(0, limit);
}
