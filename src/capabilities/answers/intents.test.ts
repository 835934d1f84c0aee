import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parse } from 'yaml';
import { classify, trainIntents } from '../../core/answers/classifier.ts';
import { DEFAULT_CONFIDENCE, NO_INTENT } from '../../core/answers/intents.ts';

const read = (path: string) =>
  parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as Record<string, string[]>;
const training = read('../../../templates/answers/retail/intents.yaml');
const heldOut = read('../../../tests/corpus/answers-heldout.yaml');
const model = trainIntents(
  Object.entries(training).flatMap(([intent, t]) => t.map((text) => ({ intent, text }))),
);

/** What the service does: an intent at or above the threshold, else "none" (search the articles). */
const decide = (q: string) => {
  const c = classify(model, q);
  return c.intent !== NO_INTENT && c.confidence >= DEFAULT_CONFIDENCE ? c.intent : NO_INTENT;
};

test('held-out phrasings (never trained on) are recognised: at least 90 % (35 of 37 when written)', () => {
  const cases = Object.entries(heldOut).flatMap(([intent, qs]) => qs.map((q) => ({ intent, q })));
  for (const { q } of cases) assert.ok(!training[decide(q)]?.includes(q), `"${q}" is in the training set`);
  const right = cases.filter((c) => decide(c.q) === c.intent).length;
  assert.equal(cases.length, 37);
  assert.ok(right / cases.length >= 0.9, `accuracy ${right}/${cases.length}`);
});

test('the questions of the issue, typos and other languages', () => {
  assert.equal(decide("where's my parcel??"), 'order_status');
  assert.equal(decide('how do I send it back'), 'return_item');
  assert.equal(decide('wher is my parcle'), 'order_status');
  assert.equal(decide('wo bleibt mein paket'), 'order_status');
  assert.equal(decide('has my refund been issued'), 'refund_status');
  assert.equal(decide('change my delivery address'), 'change_address');
  assert.equal(decide('do you have gift vouchers'), NO_INTENT);
});

test('confidence falls for a question unlike any phrasing', () => {
  const routine = classify(model, 'where is my order');
  const odd = classify(model, 'quantum chromodynamics lecture notes');
  assert.ok(routine.confidence > 0.8, String(routine.confidence));
  assert.ok(odd.confidence < DEFAULT_CONFIDENCE || odd.intent === NO_INTENT, JSON.stringify(odd.ranking));
  assert.equal(routine.ranking.reduce((s, r) => s + r.confidence, 0).toFixed(6), '1.000000');
});

test('training needs two intents', () => {
  assert.throws(() => trainIntents([{ intent: 'a', text: 'x' }]), /at least two intents/);
});
