/**
 * Words reduced to their Porter stems ("delivered", "delivery", "deliveries" -> "deliv"), so search
 * and themes match the forms a customer writes. The stemmer is the `stemmer` npm package (MIT,
 * Porter 1980); function words are dropped.
 */
import { stemmer } from 'stemmer';
import { STOPWORDS } from './stopwords.ts';
import { words } from './tokens.ts';

/**
 * Porter turns a final "y" into "i" and stops there, so "delivery" becomes "deliveri" while
 * "delivered" becomes "deliv" and a search for one misses the other. A stem ending in that "i" is
 * stemmed once more without it ("deliveri" -> "deliver" -> "deliv", "compani" -> "compan").
 */
export function stem(word: string): string {
  let known = CACHE.get(word);
  if (known === undefined) {
    const once = stemmer(word.replace(/'/g, ''));
    known = once.length > 3 && once.endsWith('i') ? stemmer(once.slice(0, -1)) : once;
    // Customers use a few thousand words again and again: a bounded cache saves most stemming.
    if (CACHE.size >= CACHE_LIMIT) CACHE.clear();
    CACHE.set(word, known);
  }
  return known;
}
const CACHE = new Map<string, string>();
const CACHE_LIMIT = 50_000;

/** A comment's content words, in order, each with its stem. */
export function contentWords(text: string | readonly string[]): { word: string; stem: string }[] {
  const out: { word: string; stem: string }[] = [];
  for (const w of typeof text === 'string' ? words(text) : text)
    if (!STOPWORDS.has(w) && w.length > 1) out.push({ word: w, stem: stem(w) });
  return out;
}

/**
 * The stems a comment is searched by, in order and space-separated with spaces at both ends, so
 * that `LIKE '% deliv %'` matches a whole stem and `LIKE '% late deliv %'` a two-word theme term,
 * in the same SQL on both stores.
 */
export function stemLine(text: string | readonly string[]): string {
  const stems = contentWords(text).map((w) => w.stem);
  return stems.length ? ` ${stems.join(' ')} ` : ' ';
}

/** A search query's stems (function words dropped); all of them must occur. */
export function queryStems(query: string): string[] {
  return [...new Set(contentWords(query).map((w) => w.stem))];
}
