/**
 * Splits a comment into the tokens the sentiment model, the themes and search read: lower-case
 * words (apostrophes kept, so "didn't" stays one negation), numbers, emoji, emoticons, and the
 * punctuation that ends a clause (a negation's scope stops there) or shouts ("!").
 */

export type TokenKind = 'word' | 'number' | 'emoji' | 'emoticon' | 'stop' | 'bang';

export interface Token {
  kind: TokenKind;
  /** lower case for words; the symbol itself otherwise */
  text: string;
  /** the word was written in capitals ("NEVER"), which the model reads as emphasis */
  shouted: boolean;
}

// One regular expression, tried in order: emoticons before punctuation, so ":(" is one token.
// Numbered groups, read by index: named groups cost an object per match on the hot path.
const TOKEN =
  /([:;=8][-'^]?[)(\][dDpP/\\|3*]|<3|\)[-']?[:;=])|(\p{Extended_Pictographic}(?:\u200d\p{Extended_Pictographic}|\ufe0f)*)|(\p{L}[\p{L}\p{M}]*(?:['’]\p{L}+)*)|(\p{N}+(?:[.,]\p{N}+)?)|(!+)|([.?;:,()\n]+)/gu;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN.exec(text)) !== null) {
    if (m[3] !== undefined) {
      const word = m[3].includes('’') ? m[3].replace(/’/g, "'") : m[3];
      const lower = word.toLowerCase();
      tokens.push({
        kind: 'word',
        text: lower,
        shouted: word !== lower && word.length > 1 && word === word.toUpperCase(),
      });
    } else if (m[1] !== undefined) tokens.push({ kind: 'emoticon', text: m[1], shouted: false });
    else if (m[2] !== undefined)
      tokens.push({ kind: 'emoji', text: m[2].replace(/\ufe0f/g, ''), shouted: false });
    else if (m[4] !== undefined) tokens.push({ kind: 'number', text: m[4], shouted: false });
    else if (m[5] !== undefined) tokens.push({ kind: 'bang', text: m[5], shouted: false });
    else tokens.push({ kind: 'stop', text: m[6]!, shouted: false });
  }
  return tokens;
}

/** The words of a text only, lower case, in order (themes and search). */
export function words(text: string | readonly Token[]): string[] {
  const out: string[] = [];
  for (const t of typeof text === 'string' ? tokenize(text) : text) if (t.kind === 'word') out.push(t.text);
  return out;
}
