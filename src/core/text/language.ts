/**
 * Which language a comment is written in, so that the English model scores only English and
 * marks the rest unsupported instead of scoring it wrongly. Most comments are English and say so
 * by their function words (a set lookup per word); only the others go to tinyld (npm, MIT, its
 * trigram tables ship inside the package, "light" build: 68 kB), which costs far more per text.
 */
import { detect } from 'tinyld/light';
import { STOPWORDS } from './stopwords.ts';
import { words } from './tokens.ts';

/** ISO 639-1 code, or "und" when a text has too few words to tell. */
export type Language = string;

/** Share of function words above which a text is taken as English without asking tinyld. */
const ENGLISH_SHARE = 0.25;
/** Below this many words, tinyld's guess is noise: such a text is scored as English if it is anything. */
const MIN_WORDS_TO_DETECT = 4;

/** `list`: the text's words when the caller has them already (analyseComment tokenizes once). */
export function languageOf(text: string, list: readonly string[] = words(text)): Language {
  if (list.length === 0) return 'und';
  let common = 0;
  for (const w of list) if (STOPWORDS.has(w)) common++;
  if (common / list.length >= ENGLISH_SHARE) return 'en';
  if (list.length < MIN_WORDS_TO_DETECT) return common > 0 ? 'en' : 'und';
  const detected = detect(text, { only: [] });
  return detected === '' ? 'und' : detected;
}

/** The built-in model reads English; a short text whose language cannot be told is read as English too. */
export const isSupported = (language: Language) => language === 'en' || language === 'und';
