/**
 * The events both sides of bench/ingest.ts send: a retail stream with a mix of event names (some
 * with no touchpoint), distinct timestamps and small properties, so that no column is constant
 * within a batch the way a synthetic stream of one event would be.
 */
export const BATCH = 500;

const NAMES = [
  'Product Viewed',
  'Product Viewed',
  'Product Viewed',
  'Page Viewed',
  'Ad Clicked',
  'Search Result Clicked',
  'Product Added',
  'Cart Viewed',
  'Checkout Started',
  'Order Completed',
  'Help Article Viewed',
];

export interface BenchEvent {
  id: string;
  customerId: string;
  name: string;
  timestamp: string;
  properties: { sku: string; price: number; category: string; page: string };
}

/** Event number `n` of a run; ids carry `prefix` so that runs never repeat each other's ids. */
export function benchEvent(n: number, prefix: string, start: number): BenchEvent {
  return {
    id: `${prefix}-${n}`,
    customerId: `c${n % 200_000}`,
    name: NAMES[(n * 7) % NAMES.length]!,
    timestamp: new Date(start + n * 3).toISOString(),
    properties: { sku: `SKU-${n % 977}`, price: (n % 5000) / 100, category: 'shoes', page: `/p/${n % 977}` },
  };
}
