import assert from 'node:assert/strict';
import { test } from 'node:test';
import { builtinSentiment, labelOf, squash, valenceSum } from './sentiment.ts';
import { languageOf } from './language.ts';
import { tokenize } from './tokens.ts';

const label = (text: string) => builtinSentiment(text).label;

test('the phrases of customer service are read whole', () => {
  assert.equal(label('still waiting for my order'), 'negative');
  assert.equal(label('I was on hold for two hours'), 'negative');
  assert.equal(label('no one answered the phone'), 'negative');
  assert.equal(label('thanks for the quick help'), 'positive');
  // "thanks for the quick help" is one phrase (+4), not "thanks" (+2) and "quick" (+2) and "help" (0)
  assert.equal(valenceSum('thanks for the quick help'), 4);
});

test('negation flips and damps the next words of its clause, and stops at the clause end', () => {
  assert.equal(valenceSum('helpful'), 2);
  assert.equal(valenceSum('not helpful'), 2 * -0.74);
  assert.equal(valenceSum("the agent wasn't helpful"), 2 * -0.74);
  // the full stop ends the scope: "helpful" in the second clause is not negated
  assert.equal(valenceSum('not today. helpful'), 2);
});

test('intensifiers and dampeners scale the next word; capitals stress it', () => {
  assert.equal(valenceSum('very helpful'), 2 * 1.3);
  assert.equal(valenceSum('slightly late'), -2 * 0.6);
  assert.equal(valenceSum('the parcel was LATE again'), -2 * 1.25 - 0.5);
});

test('contrast: what follows "but" counts 1.5 times, what preceded it half', () => {
  assert.equal(valenceSum('fast delivery but broken'), 2 * 0.5 + -3 * 1.5);
  assert.equal(label('fast delivery but the box arrived broken'), 'negative');
});

test('emoji and emoticons carry valence; "!" strengthens the whole', () => {
  assert.equal(valenceSum('👍'), 2);
  assert.equal(valenceSum(':('), -2);
  assert.equal(label('delivered 😡'), 'negative');
  assert.equal(valenceSum('great!!'), 3 + 2 * 0.292);
});

test('score squashed into [-1, 1], labels at the thresholds, no words is neutral', () => {
  assert.equal(squash(0), 0);
  assert.ok(Math.abs(squash(4) - 4 / Math.sqrt(31)) < 1e-12);
  assert.ok(squash(1e6) <= 1 && squash(-1e6) >= -1);
  assert.equal(labelOf(0.05), 'positive');
  assert.equal(labelOf(-0.05), 'negative');
  assert.equal(labelOf(0.04), 'neutral');
  assert.deepEqual(builtinSentiment('Can I change my delivery address?'), { label: 'neutral', score: 0 });
});

test('tokens: apostrophes stay in words, emoticons are one token', () => {
  assert.deepEqual(
    tokenize("didn't :( ok!").map((t) => [t.kind, t.text]),
    [
      ['word', "didn't"],
      ['emoticon', ':('],
      ['word', 'ok'],
      ['bang', '!'],
    ],
  );
});

test('languages: English by its function words, others detected, too short is undetermined', () => {
  assert.equal(languageOf('Where is my parcel, it was due on Monday'), 'en');
  assert.equal(languageOf('Le colis est arrivé en retard et la boîte était abîmée'), 'fr');
  assert.equal(languageOf('Das Paket ist leider nicht angekommen, bitte um Rückmeldung'), 'de');
  assert.equal(languageOf('👍'), 'und');
});
