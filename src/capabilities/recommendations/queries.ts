import type { Store } from '../../platform/store/port.ts';
import { epochMs, nullable, row, text } from '../../platform/store/rows.ts';

export interface Purchases {
  /** What each customer bought, over every purchase event read. */
  baskets: Map<string, Set<string>>;
  /** Product names where the events carry them (Segment's `name`), by product id: the latest event's. */
  names: Map<string, string>;
  events: number;
  from: number | null;
  to: number | null;
}

/** A product id from one entry of the property: an id, or an object naming one (and maybe its `name`). */
function productOf(entry: unknown): { id: string; name: string | null } | null {
  if (typeof entry === 'string') return entry ? { id: entry, name: null } : null;
  if (typeof entry === 'number') return { id: String(entry), name: null };
  if (entry && typeof entry === 'object') {
    const o = entry as Record<string, unknown>;
    const name = typeof o.name === 'string' && o.name.trim() ? o.name.trim() : null;
    for (const key of ['productId', 'product_id', 'sku', 'id']) {
      const v = o[key];
      if (typeof v === 'string' && v) return { id: v, name };
      if (typeof v === 'number') return { id: String(v), name };
    }
  }
  return null;
}

/** The products one purchase event names (the Segment e-commerce spec's `products` list or similar). */
export function productsOf(raw: string | null): { id: string; name: string | null }[] {
  if (raw === null) return [];
  let value: unknown = raw;
  try {
    value = JSON.parse(raw);
  } catch {
    // a plain string id (PostgreSQL's ->> gives the text itself)
  }
  const list = Array.isArray(value) ? value : [value];
  return list.flatMap((entry) => productOf(entry) ?? []);
}

/**
 * Every identified customer's purchases of one event, with the property that names products.
 * The property is read as text with `->>` (the same SQL on DuckDB and PostgreSQL) and parsed here.
 */
export async function readPurchases(
  store: Store,
  workspaceId: string,
  event: string,
  property: string,
  customerId?: string,
): Promise<Purchases> {
  const rows = await store.readRows(
    row({ customer_id: text, products: nullable(text), at: epochMs }),
    `SELECT customer_id, properties ->> $3 AS products,
            ts AS at
     FROM events
     WHERE workspace_id = $1 AND name = $2 AND customer_id IS NOT NULL
       ${customerId === undefined ? '' : 'AND customer_id = $4'}`,
    customerId === undefined ? [workspaceId, event, property] : [workspaceId, event, property, customerId],
  );
  const baskets = new Map<string, Set<string>>();
  const names = new Map<string, string>();
  const namedAt = new Map<string, number>();
  let from: number | null = null;
  let to: number | null = null;
  let events = 0;
  for (const r of rows) {
    const products = productsOf(r.products);
    if (products.length === 0) continue;
    events++;
    from = from === null ? r.at : Math.min(from, r.at);
    to = to === null ? r.at : Math.max(to, r.at);
    const basket = baskets.get(r.customer_id) ?? new Set<string>();
    for (const p of products) {
      basket.add(p.id);
      // A renamed product shows its newest name (rows come in no particular order).
      if (p.name !== null && r.at >= (namedAt.get(p.id) ?? -Infinity)) {
        names.set(p.id, p.name);
        namedAt.set(p.id, r.at);
      }
    }
    baskets.set(r.customer_id, basket);
  }
  return { baskets, names, events, from, to };
}
