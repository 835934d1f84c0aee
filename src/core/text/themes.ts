/**
 * Themes found in comments without a predefined list. Key phrases are the content words and
 * two-word phrases (adjacent content words, stemmed) that recur across comments; a theme grows
 * around the most frequent phrase not yet taken (its seed), and takes the phrases that occur
 * mostly together with it (at least half of their comments also hold the seed), so "parcel",
 * "courier" and "late delivery" end in one theme when customers write them together. A comment
 * belongs to a theme when it holds one of the theme's terms: the same rule in TypeScript
 * (`matchesTheme`) and in SQL over the stored stem line (`LIKE '% term %'`).
 *
 * Words that only carry sentiment ("great", "terrible") are not themes on their own: a theme
 * says what is talked about, sentiment says how.
 */
import { contentWords } from './stems.ts';

export interface ThemeDefinition {
  id: string;
  label: string;
  /** stems or two-stem phrases, as matched against a comment's stem line */
  stems: string[];
  /** the words customers wrote for those stems, most frequent first (what screens show) */
  terms: string[];
}

export interface DiscoveryOptions {
  /** most themes returned */
  maxThemes: number;
  /** a phrase must occur in at least this many comments ... */
  minComments: number;
  /** ... and at least this share of them */
  minShare: number;
  /** a phrase joins a theme when at least this share of its comments also hold the seed */
  cooccurrence: number;
  /** words that only carry sentiment: never a seed */
  isSentimentWord: (word: string) => boolean;
}

export const DEFAULT_DISCOVERY: Omit<DiscoveryOptions, 'isSentimentWord'> = {
  maxThemes: 12,
  minComments: 3,
  minShare: 0.01,
  cooccurrence: 0.5,
};

interface Phrase {
  key: string;
  docs: Set<number>;
  surface: Map<string, number>;
  /** every word carries sentiment: never a seed or a member */
  sentimentOnly: boolean;
  /** some word carries sentiment: never a label ("great coats" names the coats, not a topic) */
  sentimentAny: boolean;
}

function phrasesOf(texts: readonly string[], isSentimentWord: (w: string) => boolean): Map<string, Phrase> {
  const phrases = new Map<string, Phrase>();
  const note = (key: string, surface: string, doc: number, sentimentOnly: boolean, sentimentAny: boolean) => {
    let p = phrases.get(key);
    if (!p) {
      p = { key, docs: new Set(), surface: new Map(), sentimentOnly, sentimentAny };
      phrases.set(key, p);
    }
    p.docs.add(doc);
    p.surface.set(surface, (p.surface.get(surface) ?? 0) + 1);
  };
  texts.forEach((text, doc) => {
    const list = contentWords(text);
    for (let i = 0; i < list.length; i++) {
      const w = list[i]!;
      if (/^\d/.test(w.word)) continue;
      const sentiment = isSentimentWord(w.word);
      note(w.stem, w.word, doc, sentiment, sentiment);
      const next = list[i + 1];
      if (next && !/^\d/.test(next.word) && next.stem !== w.stem) {
        const nextSentiment = isSentimentWord(next.word);
        note(
          `${w.stem} ${next.stem}`,
          `${w.word} ${next.word}`,
          doc,
          sentiment && nextSentiment,
          sentiment || nextSentiment,
        );
      }
    }
  });
  return phrases;
}

const mostFrequent = (counts: Map<string, number>) =>
  [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([s]) => s);

const overlap = (a: Set<number>, b: Set<number>) => {
  let n = 0;
  for (const x of a) if (b.has(x)) n++;
  return n;
};

export const themeIdOf = (seed: string) => `auto-${seed.replace(/[^a-z0-9]+/g, '-')}`;

/** Finds themes in a set of comments; deterministic for the same texts in the same order. */
export function discoverThemes(texts: readonly string[], options: DiscoveryOptions): ThemeDefinition[] {
  const min = Math.max(options.minComments, Math.ceil(options.minShare * texts.length));
  const phrases = [...phrasesOf(texts, options.isSentimentWord).values()]
    .filter((p) => p.docs.size >= min)
    .sort((a, b) => b.docs.size - a.docs.size || (a.key < b.key ? -1 : 1));
  const taken = new Set<string>();
  const themes: ThemeDefinition[] = [];
  for (const seed of phrases) {
    if (themes.length >= options.maxThemes) break;
    if (taken.has(seed.key) || seed.sentimentOnly || seed.key.includes(' ')) continue;
    const members = [seed];
    taken.add(seed.key);
    for (const other of phrases) {
      if (taken.has(other.key) || other.sentimentOnly) continue;
      if (overlap(other.docs, seed.docs) / other.docs.size >= options.cooccurrence) {
        members.push(other);
        taken.add(other.key);
      }
    }
    // The seed's commonest two-word phrase names the theme when it covers a good part of it; on a
    // tie, one that ends with the seed, since English noun phrases end with their head ("late delivery").
    const endsWithSeed = (m: Phrase) => (m.key.endsWith(` ${seed.key}`) ? 0 : 1);
    const phrase = members
      .filter((m) => !m.sentimentAny && m.key.includes(' ') && m.key.split(' ').includes(seed.key))
      .sort((a, b) => b.docs.size - a.docs.size || endsWithSeed(a) - endsWithSeed(b))[0];
    const seedWord = mostFrequent(seed.surface)[0]!;
    const label =
      phrase && phrase.docs.size * 3 >= seed.docs.size ? mostFrequent(phrase.surface)[0]! : seedWord;
    // A phrase whose every comment already holds the seed adds nothing to matching.
    const stems = members
      .filter((m) => m === seed || overlap(m.docs, seed.docs) < m.docs.size)
      .map((m) => m.key);
    themes.push({
      id: themeIdOf(seed.key),
      label,
      stems,
      terms: members.slice(0, 6).map((m) => mostFrequent(m.surface)[0]!),
    });
  }
  return themes;
}

/** Whether a comment's stem line (stems.ts `stemLine`) holds one of a theme's terms. */
export function matchesTheme(stemLine: string, theme: Pick<ThemeDefinition, 'stems'>): boolean {
  return theme.stems.some((s) => stemLine.includes(` ${s} `));
}
