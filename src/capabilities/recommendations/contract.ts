import { z } from '@hono/zod-openapi';

/** Request and reply shapes of /v1/recommendations (routes, OpenAPI document, dashboard types). */

export const learnQuery = z.object({
  event: z.string().min(1).max(200).default('Order Completed').openapi({
    description: 'the purchase event whose products are learned from',
  }),
  property: z.string().min(1).max(200).default('products').openapi({
    description:
      "the purchase event's property holding what was bought: a product id, a list of ids, or a list of objects with productId, product_id, sku or id",
  }),
  minSupport: z.coerce.number().min(0).max(1).default(0.01).openapi({
    description: 'the least share of buying customers who bought both products for a pair to be considered',
  }),
  minCustomers: z.coerce.number().int().min(1).max(1_000_000).default(5).openapi({
    description: 'the least number of customers who bought both, whatever the share',
  }),
  alpha: z.coerce.number().gt(0).lt(1).default(0.05).openapi({
    description: 'family-wise error rate of the co-purchase tests (Fisher exact, Holm-adjusted)',
  }),
});

export const pairsQuery = learnQuery.extend({
  all: z
    .enum(['true', 'false'])
    .default('false')
    .openapi({ description: 'also list tested pairs that are not significant' }),
  limit: z.coerce.number().int().min(1).max(1000).default(50),
});

export const forQuery = learnQuery.extend({
  customer: z.string().min(1).max(200).openapi({ description: 'the customer to recommend products to' }),
  limit: z.coerce.number().int().min(1).max(50).default(5),
});

const population = z.object({
  customers: z.number().int().openapi({
    description: 'customers with at least one purchase event naming products: every share counts them',
  }),
  purchases: z.number().int().openapi({ description: 'purchase events read' }),
  event: z.string(),
  property: z.string(),
  from: z.string().nullable().openapi({ description: 'the first purchase read (ISO-8601); null when none' }),
  to: z.string().nullable().openapi({ description: 'the last purchase read (ISO-8601); null when none' }),
});

export const ruleSchema = z.object({
  product: z.string(),
  also: z.string(),
  together: z.number().int().openapi({ description: 'customers who bought both' }),
  productCustomers: z.number().int(),
  alsoCustomers: z.number().int(),
  support: z.number().openapi({ description: 'together / customers' }),
  confidence: z.number().openapi({ description: 'together / productCustomers' }),
  lift: z.number().openapi({ description: 'confidence / (alsoCustomers / customers)' }),
  p: z.number(),
  pAdjusted: z.number(),
  significant: z.boolean(),
});

export const pairsReply = z.object({
  population,
  tested: z.number().int().openapi({ description: 'pairs at or above the minimum support, tested together' }),
  pairs: z.array(ruleSchema),
});

export const recommendationSchema = z.object({
  product: z.string(),
  because: z.string().openapi({ description: 'the product the customer bought that it goes with' }),
  confidence: z.number(),
  lift: z.number(),
  support: z.number(),
  together: z.number().int(),
});

export const forReply = z.object({
  customer: z.string(),
  population,
  owned: z.array(z.string()).openapi({ description: 'products the customer bought: never recommended' }),
  recommendations: z.array(recommendationSchema),
});

export type LearnOptions = z.infer<typeof learnQuery>;
export type PairsReply = z.infer<typeof pairsReply>;
export type ForReply = z.infer<typeof forReply>;
