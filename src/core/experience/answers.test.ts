import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Metric, Scale } from '../ingest/schemas.ts';
import { DEFAULT_BAD, experienceOf } from './answers.ts';
import { churnAfter, parseOutcomeSpec, repeatPurchase } from './outcomes.ts';
import { parseBadThresholds } from './parse-thresholds.ts';

/** The answers of a scale read as b(ad), n(eutral), g(ood), lowest first. */
function row(metric: Metric, scale: Scale): string {
  let out = '';
  for (let s = scale.min; s <= scale.max; s++) out += experienceOf(DEFAULT_BAD, metric, s, scale)[0];
  return out;
}

describe('one definition of a bad and a good answer', () => {
  it('NPS: detractors 0-6 are bad, passives 7-8 neutral, promoters 9-10 good', () => {
    assert.equal(row('nps', { min: 0, max: 10 }), 'bbbbbbbnngg');
  });
  it('CSAT: the bottom two boxes are bad and the top two good, on any scale', () => {
    assert.equal(row('csat', { min: 1, max: 5 }), 'bbngg');
    assert.equal(row('csat', { min: 1, max: 7 }), 'bbnnngg');
    assert.equal(row('csat', { min: 0, max: 10 }), 'bbnnnnnnngg');
  });
  it('CES: 1-3 of 1-7 is high effort, above the midpoint is easy; a 1-5 variant maps onto it', () => {
    assert.equal(row('ces', { min: 1, max: 7 }), 'bbbnggg');
    assert.equal(row('ces', { min: 1, max: 5 }), 'bbngg');
  });
  it('a rating: the bottom 40 % of its own scale is bad, the top 40 % good', () => {
    assert.equal(row('rating', { min: 1, max: 5 }), 'bbngg');
    assert.equal(row('rating', { min: 1, max: 10 }), 'bbbbnngggg');
    assert.equal(row('rating', { min: 0, max: 1 }), 'bg');
  });
  it('overridden thresholds move only the bad side, and bad wins where they overlap', () => {
    const t = parseBadThresholds('nps=9, csat=4');
    assert.ok(!Array.isArray(t));
    assert.equal(experienceOf(t, 'nps', 9, { min: 0, max: 10 }), 'bad');
    assert.equal(experienceOf(t, 'csat', 4, { min: 1, max: 5 }), 'bad');
    assert.ok(Array.isArray(parseBadThresholds('ces=9')), 'a CES threshold lies on 1-7');
  });
});

describe('one definition of the outcomes', () => {
  const none = { firstPurchase: null, lastPurchase: null, lastChurn: null, lastActivity: null };
  it('a repeat purchase is measured only for customers who had bought at or before the experience', () => {
    assert.deepEqual(repeatPurchase({ ...none, firstPurchase: 5, lastPurchase: 30 }, 10), {
      measured: true,
      hit: true,
    });
    assert.deepEqual(repeatPurchase({ ...none, firstPurchase: 30, lastPurchase: 30 }, 10), {
      measured: false,
      hit: false,
    });
    assert.deepEqual(repeatPurchase({ ...none, firstPurchase: 10, lastPurchase: 10 }, 10), {
      measured: true,
      hit: false,
    });
  });
  it('churn is a churn event after the experience, or inactivity where the report counts it', () => {
    assert.equal(churnAfter({ ...none, lastChurn: 10 }, 10, null).hit, false);
    assert.equal(churnAfter({ ...none, lastChurn: 11 }, 10, null).hit, true);
    assert.equal(churnAfter({ ...none, lastActivity: 50 }, 10, 60).hit, true);
    assert.equal(churnAfter({ ...none, lastActivity: 50 }, 10, null).hit, false);
  });
  it('a feedback outcome is a good answer unless >=VALUE says otherwise', () => {
    assert.deepEqual(parseOutcomeSpec('csat@delivery'), {
      kind: 'feedback',
      id: 'csat@delivery',
      metric: 'csat',
      touchpoint: 'delivery',
      positiveAtLeast: null,
    });
    assert.equal((parseOutcomeSpec('nps') as { positiveAtLeast: number }).positiveAtLeast, 9);
  });
});
