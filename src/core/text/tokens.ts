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
const TOKEN =
  /(?<emoticon>[:;=8][-'^]?[)(\][dDpP/\\|3*]|<3|\)[-']?[:;=])|(?<emoji>\p{Extended_Pictographic}(?:\u200d\p{Extended_Pictographic}|\ufe0f)*)|(?<word>\p{L}[\p{L}\p{M}]*(?:['’]\p{L}+)*)|(?<number>\p{N}+(?:[.,]\p{N}+)?)|(?<bang>!+)|(?<stop>[.?;:,()\n]+)/gu;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const g = match.groups!;
    if (g.word !== undefined) {
      const word = g.word.replace(/’/g, "'");
      const lower = word.toLowerCase();
      tokens.push({
        kind: 'word',
        text: lower,
        shouted: word.length > 1 && word !== lower && word === word.toUpperCase(),
      });
    } else if (g.emoticon !== undefined) tokens.push({ kind: 'emoticon', text: g.emoticon, shouted: false });
    else if (g.emoji !== undefined)
      tokens.push({ kind: 'emoji', text: g.emoji.replace(/\ufe0f/g, ''), shouted: false });
    else if (g.number !== undefined) tokens.push({ kind: 'number', text: g.number, shouted: false });
    else if (g.bang !== undefined) tokens.push({ kind: 'bang', text: g.bang, shouted: false });
    else tokens.push({ kind: 'stop', text: g.stop!, shouted: false });
  }
  return tokens;
}

/** The words of a text only, lower case, in order (themes and search). */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const t of tokenize(text)) if (t.kind === 'word') out.push(t.text);
  return out;
}
