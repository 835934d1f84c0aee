import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classify, crossValidate, train } from './classifier.ts';
import type { SentimentLabel } from './sentiment.ts';

// A planted vocabulary no lexicon knows: "zorp" comments are bad, "blick" good, "mop" neutral.
function planted(n: number) {
  const words: Record<SentimentLabel, string[]> = {
    negative: ['zorp', 'zorped', 'kraxle'],
    neutral: ['mop', 'tabulate', 'ferrule'],
    positive: ['blick', 'blicky', 'wumble'],
  };
  const fillers = ['parcel', 'order', 'agent', 'store', 'checkout', 'app'];
  const labels: SentimentLabel[] = ['negative', 'neutral', 'positive'];
  return Array.from({ length: n }, (_, i) => {
    const label = labels[i % 3]!;
    const cue = words[label][Math.floor(i / 3) % 3]!;
    return { text: `the ${fillers[Math.floor(i / 9) % 6]} was ${cue} today`, label };
  });
}

test('learns a planted vocabulary: high cross-validated macro-F1, right labels on new texts', () => {
  const docs = planted(300);
  assert.ok(crossValidate(docs) > 0.95);
  const model = train(docs);
  assert.equal(classify(model, 'my order was zorped').label, 'negative');
  assert.equal(classify(model, 'such a blicky agent').label, 'positive');
  const score = classify(model, 'the store was wumble').score;
  assert.ok(score > 0 && score <= 1);
});

test('labels that carry no signal are not learned: cross-validated macro-F1 near chance', () => {
  // labels drawn from a linear congruential generator's high bits: unrelated to the texts
  const labels = ['negative', 'neutral', 'positive'] as const;
  let x = 42;
  const draw = () => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return labels[Math.floor((x / 2 ** 32) * 3)]!;
  };
  const docs = planted(300).map((d) => ({ ...d, label: draw() }));
  assert.ok(crossValidate(docs) < 0.55);
});
