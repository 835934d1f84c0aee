/** The demo shop's products: home and lifestyle goods at everyday prices (USD). */
export interface Product {
  id: string;
  name: string;
  category: string;
  price: number;
}

const rows: [string, string, number][] = [
  ['Pour-over coffee kettle', 'kitchen', 49],
  ['Cast iron skillet 26 cm', 'kitchen', 39],
  ['Chef knife 20 cm', 'kitchen', 89],
  ['Glass storage jars (set of 6)', 'kitchen', 29],
  ['Linen duvet cover', 'home', 119],
  ['Wool throw blanket', 'home', 79],
  ['Ceramic table lamp', 'home', 65],
  ['Scented candle trio', 'home', 24],
  ['Robot vacuum', 'electronics', 249],
  ['Wireless earbuds', 'electronics', 99],
  ['Smart plug (2-pack)', 'electronics', 25],
  ['Portable speaker', 'electronics', 59],
  ['Rain jacket', 'apparel', 129],
  ['Merino crew socks', 'apparel', 19],
  ['Everyday sneakers', 'apparel', 95],
  ['Canvas tote bag', 'apparel', 22],
  ['Camping lantern', 'outdoor', 35],
  ['Insulated water bottle', 'outdoor', 28],
  ['Folding camp chair', 'outdoor', 55],
  ['Hammock', 'outdoor', 69],
  ['Vitamin C serum', 'beauty', 32],
  ['Bamboo hair brush', 'beauty', 15],
  ['Daily moisturiser', 'beauty', 27],
  ['Shower gel gift set', 'beauty', 21],
];

export const CATALOG: readonly Product[] = rows.map(([name, category, price], i) => ({
  id: `sku-${String(i + 1).padStart(3, '0')}`,
  name,
  category,
  price,
}));

/** Products by category: shoppers mostly compare within one. */
export const BY_CATEGORY: ReadonlyMap<string, readonly Product[]> = new Map(
  [...new Set(CATALOG.map((p) => p.category))].map((c) => [c, CATALOG.filter((p) => p.category === c)]),
);
