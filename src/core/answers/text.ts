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

/**
 * Words too common to say what a question is about (English, German, French, folded like
 * `normalize`): kept out of article search and of the unanswered-question groups.
 */
export const STOP_WORDS = new Set(
  (
    'a an the i me my we you your it its is are was be been to of in on at for and or but do does did can could ' +
    'how what where when why which who with this that there have has had not no yes please hi hello am will would ' +
    'come get any some about from by as if so up out our us they them their he she his her just also may might ' +
    'ich mein meine ist wie wo was wann der die das ein eine und oder nicht mit von zu den dem des ' +
    'je ma mon mes est ce que qui ou comment quand les des une un et pas le la de du pour avec'
  ).split(' '),
);
