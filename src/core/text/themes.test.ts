import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_DISCOVERY, discoverThemes, matchesTheme } from './themes.ts';
import { stemLine, queryStems } from './stems.ts';
import { shareRiseP, themeGrowth } from './growth.ts';

const options = {
  ...DEFAULT_DISCOVERY,
  isSentimentWord: (w: string) => ['great', 'terrible', 'awful'].includes(w),
};

test('a planted topic is found, named by its phrase, and its comments match it', () => {
  const texts = [
    ...Array.from({ length: 20 }, (_, i) => `the late delivery ruined day ${i}`),
    ...Array.from({ length: 10 }, (_, i) => `delivery came ${i} days after the courier said`),
    ...Array.from({ length: 12 }, (_, i) => `my refund ${i} still not processed`),
    ...Array.from({ length: 6 }, () => `where is the refund for my return`),
    ...Array.from({ length: 50 }, (_, i) => `great ${['shoes', 'socks', 'hats', 'coats', 'gloves'][i % 5]}`),
  ];
  const themes = discoverThemes(texts, options);
  const delivery = themes.find((t) => t.stems.includes('deliv'));
  assert.ok(delivery, JSON.stringify(themes));
  assert.equal(delivery.label, 'late delivery');
  const refund = themes.find((t) => t.stems.includes('refund'));
  assert.ok(refund);
  // a sentiment word is never a theme of its own
  assert.ok(!themes.some((t) => t.stems[0] === 'great'));
  const lines = texts.map(stemLine);
  assert.equal(lines.filter((l) => matchesTheme(l, delivery)).length, 30);
  assert.equal(lines.filter((l) => matchesTheme(l, refund)).length, 18);
  // a phrase with a sentiment word does not name a theme
  assert.equal(themes.find((t) => t.stems.includes('coat'))?.label, 'coats');
});

test('stems: forms of a word match each other; function words are dropped', () => {
  assert.deepEqual(queryStems('the deliveries'), ['deliv']);
  assert.deepEqual(queryStems('delivered'), ['deliv']);
  assert.ok(stemLine('My delivery was late').includes(' deliv '));
  assert.deepEqual(queryStems('was it'), []);
});

test('growth: hand-checked z-test, Holm across themes, new vs growing', () => {
  // before 10/200 = 0.05, now 30/200 = 0.15; pooled 0.1; se = sqrt(0.1*0.9*(2/200)) = 0.03; z = 3.3333
  const p = shareRiseP({ theme: 10, total: 200 }, { theme: 30, total: 200 })!;
  assert.ok(Math.abs(p - 0.000429) < 2e-6, String(p));
  const [growing, fresh, steady] = themeGrowth([
    { before: { theme: 10, total: 200 }, now: { theme: 30, total: 200 } },
    { before: { theme: 0, total: 200 }, now: { theme: 15, total: 200 } },
    { before: { theme: 10, total: 200 }, now: { theme: 12, total: 200 } },
  ]);
  assert.equal(growing!.status, 'growing');
  assert.equal(fresh!.status, 'new');
  assert.equal(steady!.status, 'steady');
  // Holm: the smallest p times 3
  assert.ok(
    Math.abs(fresh!.pAdjusted! - Math.min(1, 3 * fresh!.p!)) < 1e-12 || fresh!.pAdjusted! >= fresh!.p!,
  );
  assert.equal(themeGrowth([{ before: { theme: 0, total: 0 }, now: { theme: 3, total: 10 } }])[0]!.p, null);
});
