/**
 * The intent classifier on held-out phrasings: trained on the retail template's example phrasings
 * (templates/answers/retail/intents.yaml), scored on tests/corpus/answers-heldout.yaml, which it
 * never sees. Prints accuracy per intent and overall at the default threshold, the confusion
 * matrix, and accuracy at other thresholds (below the threshold a question goes to article search,
 * which counts as "none").
 *
 *   npx tsx bench/answers-intents.ts
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { classify, trainIntents } from '../src/core/answers/classifier.ts';
import { DEFAULT_CONFIDENCE, NO_INTENT } from '../src/core/answers/intents.ts';

const read = (path: string) =>
  parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as Record<string, string[]>;
const training = read('../templates/answers/retail/intents.yaml');
const heldOut = read('../tests/corpus/answers-heldout.yaml');
const started = performance.now();
const model = trainIntents(
  Object.entries(training).flatMap(([intent, t]) => t.map((text) => ({ intent, text }))),
);
const trainMs = performance.now() - started;
const cases = Object.entries(heldOut).flatMap(([intent, qs]) => qs.map((q) => ({ intent, q })));
const decide = (q: string, threshold: number) => {
  const c = classify(model, q);
  return c.intent !== NO_INTENT && c.confidence >= threshold ? c.intent : NO_INTENT;
};

const intents = Object.keys(heldOut);
console.log(
  `trained on ${Object.values(training).flat().length} phrasings in ${trainMs.toFixed(0)} ms; ${cases.length} held-out phrasings; threshold ${DEFAULT_CONFIDENCE}\n`,
);
console.table(
  intents.map((intent) => {
    const mine = cases.filter((c) => c.intent === intent);
    const right = mine.filter((c) => decide(c.q, DEFAULT_CONFIDENCE) === intent).length;
    return {
      intent,
      phrasings: mine.length,
      right,
      accuracy: `${((100 * right) / mine.length).toFixed(1)} %`,
    };
  }),
);
const confusion = Object.fromEntries(
  intents.map((truth) => [
    truth,
    Object.fromEntries(
      intents.map((got) => [
        got,
        cases.filter((c) => c.intent === truth && decide(c.q, DEFAULT_CONFIDENCE) === got).length,
      ]),
    ),
  ]),
);
console.log('confusion (rows: true intent, columns: decided)');
console.table(confusion);
console.table(
  [0.4, 0.5, DEFAULT_CONFIDENCE, 0.6, 0.7, 0.8].map((threshold) => {
    const right = cases.filter((c) => decide(c.q, threshold) === c.intent).length;
    return { threshold, right, of: cases.length, accuracy: `${((100 * right) / cases.length).toFixed(1)} %` };
  }),
);
const wrong = cases.filter((c) => decide(c.q, DEFAULT_CONFIDENCE) !== c.intent);
for (const c of wrong) {
  const r = classify(model, c.q);
  console.log(`missed: "${c.q}" (${c.intent}) -> ${r.intent} at ${r.confidence.toFixed(2)}`);
}
