import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyQuadrants, resolveThreshold } from './quadrants.ts';

describe('importance-performance quadrants', () => {
  const points = [
    { importance: 0.5, performance: 2.0 },
    { importance: 0.3, performance: 4.5 },
    { importance: 0.15, performance: 3.0 },
    { importance: 0.05, performance: 4.0 },
  ];

  it('cuts at the mean by default and reports the cut-offs', () => {
    const q = classifyQuadrants(points, 'mean', 'mean');
    assert.deepEqual(q.thresholds, {
      importance: { rule: 'mean', value: 0.25 },
      performance: { rule: 'mean', value: 3.375 },
    });
    assert.deepEqual(q.quadrants, [
      'concentrate-here',
      'keep-up-the-good-work',
      'low-priority',
      'possible-overkill',
    ]);
    assert.deepEqual(q.counts, {
      'concentrate-here': 1,
      'keep-up-the-good-work': 1,
      'low-priority': 1,
      'possible-overkill': 1,
    });
  });

  it('supports median and fixed values; a point on the cut-off counts as high', () => {
    assert.deepEqual(resolveThreshold('median', [1, 5, 2, 4]), { rule: 'median', value: 3 });
    assert.deepEqual(resolveThreshold('median', [1, 5, 2]), { rule: 'median', value: 2 });
    const q = classifyQuadrants(points, 0.3, 4);
    assert.deepEqual(q.thresholds.performance, { rule: 'value', value: 4 });
    assert.deepEqual(q.quadrants, [
      'concentrate-here',
      'keep-up-the-good-work',
      'low-priority',
      'possible-overkill',
    ]);
  });
});
