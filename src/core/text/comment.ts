/**
 * Everything cxloop derives from one comment when it is stored: its language, its sentiment (only
 * for a language the model reads: a French complaint scored by an English lexicon would be a
 * guess dressed as a number), and its stem line for search and themes.
 */
import { isSupported, languageOf } from './language.ts';
import { BUILTIN_MODEL, builtinSentiment, type SentimentLabel } from './sentiment.ts';
import { stemLine } from './stems.ts';
import { tokenize, words } from './tokens.ts';

export interface CommentAnalysis {
  language: string;
  /** null when the language is not one the model reads */
  label: SentimentLabel | null;
  score: number | null;
  model: string;
  stems: string;
}

export function analyseComment(text: string): CommentAnalysis {
  const tokens = tokenize(text);
  const list = words(tokens);
  const language = languageOf(text, list);
  const stems = stemLine(list);
  if (!isSupported(language)) return { language, label: null, score: null, model: BUILTIN_MODEL, stems };
  const { label, score } = builtinSentiment(tokens);
  return { language, label, score, model: BUILTIN_MODEL, stems };
}
