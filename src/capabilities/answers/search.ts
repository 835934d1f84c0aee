import MiniSearch from 'minisearch';
import { stemmer as english } from '@orama/stemmers/english';
import { stemmer as german } from '@orama/stemmers/german';
import { stemmer as french } from '@orama/stemmers/french';
import { stemmer as spanish } from '@orama/stemmers/spanish';
import { stemmer as italian } from '@orama/stemmers/italian';
import { stemmer as dutch } from '@orama/stemmers/dutch';
import { STOP_WORDS } from '../../core/answers/text.ts';
import { plainText } from './articles.ts';

/** Snowball stemmers by language (two letters); other languages are indexed unstemmed. */
const STEMMERS: Record<string, (word: string) => string> = {
  en: english,
  de: german,
  fr: french,
  es: spanish,
  it: italian,
  nl: dutch,
};

export interface IndexedArticle {
  id: string;
  language: string;
  title: string;
  tags: string[];
  public: boolean;
  html: string;
}

export interface ArticleHit {
  id: string;
  title: string;
  score: number;
}

const fold = (word: string) =>
  word
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();

/**
 * One language's articles in a MiniSearch index: BM25 ranking over title (boosted), tags and
 * text, words stemmed in the language (so "returning" finds "returns"), prefix matches and a
 * fuzzy match of one edit in five letters (so "parcle" finds "parcel").
 */
export class ArticleIndex {
  private readonly index: MiniSearch<{ id: string; title: string; tags: string; text: string }>;
  private readonly audience = new Map<string, boolean>();

  constructor(
    readonly language: string,
    articles: readonly IndexedArticle[],
  ) {
    const stem = STEMMERS[language.slice(0, 2)] ?? ((w: string) => w);
    this.index = new MiniSearch({
      fields: ['title', 'tags', 'text'],
      storeFields: ['title'],
      processTerm: (term) => {
        const word = fold(term).replace(/['’]/g, '');
        return word.length < 2 || STOP_WORDS.has(word) ? null : stem(word);
      },
      // Prefixes and typos only on longer words: "to" must not find "tomorrow", nor "can" "cancel".
      searchOptions: {
        boost: { title: 3, tags: 2 },
        prefix: (term) => term.length >= 4,
        fuzzy: (term) => (term.length >= 5 ? 0.2 : false),
        combineWith: 'OR',
      },
    });
    this.index.addAll(
      articles.map((a) => ({ id: a.id, title: a.title, tags: a.tags.join(' '), text: plainText(a.html) })),
    );
    for (const a of articles) this.audience.set(a.id, a.public);
  }

  /** The best articles for a question; private ones only for an identified customer. */
  search(
    question: string,
    options: { includePrivate: boolean; limit: number; minScore: number },
  ): ArticleHit[] {
    return this.index
      .search(question)
      .filter((r) => options.includePrivate || this.audience.get(String(r.id)) === true)
      .filter((r) => r.score >= options.minScore)
      .slice(0, options.limit)
      .map((r) => ({ id: String(r.id), title: String(r.title), score: r.score }));
  }
}
