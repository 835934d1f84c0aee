import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { surveyMappingSchema, type SurveyMappingInput } from './mapping.ts';
import { rowItems } from './rows.ts';

const mapping = (extra: Partial<SurveyMappingInput> = {}) =>
  surveyMappingSchema.parse({
    respondent: { id: 'id', timestamp: '2024-01-01T00:00:00Z' },
    ratings: [
      { column: 'Recommend', touchpoint: 'advocacy', metric: 'rating', scale: { min: 0, max: 1 } },
      {
        column: 'Delivery on time',
        touchpoint: 'delivery',
        metric: 'rating',
        scale: { min: 0, max: 2 },
        values: { 'On time': 2, Late: 1, 'Very late': 0 },
      },
      { column: 'Support', touchpoint: 'support', metric: 'csat', comment: 'Support comment' },
    ],
    ...extra,
  });

const scores = (items: ReturnType<typeof rowItems>) =>
  Object.fromEntries(items.feedback.map((f) => [f.touchpoint, f.score]));

describe('wide survey answers that are words', () => {
  it('read common yes/no spellings on a 0-1 scale', () => {
    for (const [cell, score] of [
      ['Yes', 1],
      ['no', 0],
      ['TRUE', 1],
      ['false', 0],
      ['y', 1],
      ['N', 0],
      ['1', 1],
      ['0', 0],
    ] as const) {
      const items = rowItems({ id: '1', Recommend: cell }, mapping(), '');
      assert.deepEqual(items.issues, [], cell);
      assert.equal(scores(items).advocacy, score, cell);
    }
  });

  it('map words to scores through a per-column values map, ignoring case', () => {
    const items = rowItems({ id: '1', 'Delivery on time': 'very late' }, mapping(), '');
    assert.deepEqual(items.issues, []);
    assert.equal(scores(items).delivery, 0);
    const unknown = rowItems({ id: '1', 'Delivery on time': 'Lost' }, mapping(), '');
    assert.equal(unknown.issues[0]!.path, 'Delivery on time');
    assert.equal(unknown.issues[0]!.code, 'unknown_value');
    assert.match(unknown.issues[0]!.message, /"On time", "Late", "Very late"/);
  });

  it('refuse a yes/no on a rating scale and say how to map it', () => {
    const items = rowItems({ id: '1', Support: 'Yes' }, mapping(), '');
    assert.equal(items.issues[0]!.path, 'Support');
    assert.match(items.issues[0]!.message, /values map, e\.g\. values: \{Yes: 1, No: 0\}/);
  });

  it('keep a text answer as written where a column is declared text', () => {
    const items = rowItems(
      { id: '1', Support: '4', 'Support comment': '  007 — fixed it, thanks ', Zip: '02134', Age: '41' },
      mapping({ traits: { zip: { column: 'Zip', type: 'text' }, age: 'Age' } }),
      '',
    );
    assert.deepEqual(items.issues, []);
    const support = items.feedback.find((f) => f.touchpoint === 'support')!;
    assert.equal(support.comment, '  007 — fixed it, thanks ');
    assert.deepEqual(items.identify!.traits, { zip: '02134', age: 41 });
  });

  it('let the outcome use the same spellings', () => {
    const m = mapping({
      outcome: { column: 'Churned', touchpoint: 'churn-survey', metric: 'rating', scale: { min: 0, max: 1 } },
    });
    const items = rowItems({ id: '1', Churned: 'No' }, m, '');
    assert.deepEqual(items.issues, []);
    assert.equal(scores(items)['churn-survey'], 0);
  });
});
