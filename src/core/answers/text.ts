/**
 * Text as the intent classifier sees it: lower case, accents folded (customers type "retour" and
 * "rétour" alike), apostrophes dropped so "where's" and "wheres" agree, everything else a space.
 */
export function normalize(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * The features of a text: its words, and the character 3- to 5-grams of each word padded with
 * spaces. Character n-grams carry typos ("parcle"), inflections ("returning") and compounds
 * ("Rücksendung") that a word list would miss, with no stemmer per language.
 */
export function features(text: string): string[] {
  const out: string[] = [];
  for (const word of normalize(text).split(' ')) {
    if (word === '') continue;
    out.push(`w:${word}`);
    const padded = ` ${word} `;
    for (let n = 3; n <= 5; n++) {
      for (let i = 0; i + n <= padded.length; i++) out.push(padded.slice(i, i + n));
    }
  }
  return out;
}
