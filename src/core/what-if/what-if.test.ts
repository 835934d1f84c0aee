import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_BAD, isBadAnswer } from '../experience/answers.ts';
import { parseOutcomeSpec } from '../experience/outcomes.ts';
import { parseBadThresholds } from '../experience/parse-thresholds.ts';
import { liftEffect } from './change.ts';
import { whatIf } from './what-if.ts';

const near = (a: number, b: number, tol = 1e-12) => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

describe('lifting a touchpoint by d points', () => {
  const csatBad = (s: number) => isBadAnswer(DEFAULT_BAD, 'csat', s, { min: 1, max: 5 });

  it('moves every score up, capped at the top of the scale, and counts the bad experiences avoided', () => {
    // 10 responses: 2x1, 2x2, 2x3, 2x4, 2x5. +1 point: 2x2, 2x3, 2x4, 2x5, 2x5 (the 5s cannot move).
    const dist = [1, 2, 3, 4, 5].map((score) => ({ score, count: 2 }));
    const e = liftEffect(dist, 1, { min: 1, max: 5 }, csatBad)!;
    near(e.deltaScore, 0.8);
    near(e.badShareBefore, 0.4);
    near(e.badShareAfter, 0.2);
    near(e.deltaBad, -0.2);
    // a drop is held at the bottom
    near(liftEffect(dist, -2, { min: 1, max: 5 }, csatBad)!.deltaScore, -(0 + 2 + 4 + 4 + 4) / 10);
    assert.equal(liftEffect([], 1, { min: 1, max: 5 }, csatBad), null);
  });
});

describe('what-if path model', () => {
  // Drivers X and Y. b_X = 0.1, b_Y = 0.05 outcome points per score point.
  // A bad experience at X raises the chance of a bad one at Y by RD = 0.3; Y's good-bad gap is 2 points.
  const base = {
    target: 'x',
    drivers: ['x', 'y'],
    b: [0.1, 0.05],
    covB: new Float64Array(4),
    gaps: { x: { estimate: 2.5, se: 0 }, y: { estimate: 2, se: 0 } },
    rd: { y: { estimate: 0.3, se: 0 } },
    draws: 500,
  };

  it('a driver named like an Object.prototype member is unmeasured, not read from the prototype (issue 13, finding 8)', () => {
    const r = whatIf({
      ...base,
      drivers: ['x', 'constructor'],
      gaps: { x: { estimate: 2.5, se: 0 } },
      rd: {},
      change: { kind: 'lift', points: 1, deltaScore: 0.8, deltaBad: -0.2 },
    });
    assert.deepEqual(r.unmeasured, ['constructor']);
    near(r.indirect.estimate, 0);
    assert.ok(Number.isFinite(r.total.ci95[0]) && Number.isFinite(r.total.ci95[1]));
  });

  it('worked by hand: a lift', () => {
    // ΔS_X = 0.8, Δbad_X = -0.2: direct = 0.1 * 0.8 = 0.08;
    // Δbad_Y = 0.3 * -0.2 = -0.06, ΔS_Y = 0.06 * 2 = 0.12, indirect = 0.05 * 0.12 = 0.006.
    const r = whatIf({ ...base, change: { kind: 'lift', points: 1, deltaScore: 0.8, deltaBad: -0.2 } });
    near(r.direct.estimate, 0.08);
    near(r.indirect.estimate, 0.006);
    near(r.total.estimate, 0.086);
    // no uncertainty in the inputs: the interval is the point
    near(r.total.ci95[0], 0.086);
    near(r.total.ci95[1], 0.086);
    assert.deepEqual(r.unmeasured, []);
    near(r.paths[0]!.deltaBad, -0.06);
  });

  it('worked by hand: halving the bad experiences', () => {
    // bad share 0.4, half of it avoided: Δbad_X = -0.2, ΔS_X = 0.2 * 2.5 = 0.5, direct = 0.05.
    const r = whatIf({ ...base, change: { kind: 'reduce-bad', fraction: 0.5, badShare: 0.4 } });
    near(r.deltaScore, 0.5);
    near(r.direct.estimate, 0.05);
    near(r.indirect.estimate, 0.006);
  });

  it('propagates the uncertainty: the interval widens with the standard errors and covers the point', () => {
    const r = whatIf({
      ...base,
      covB: Float64Array.of(0.0004, 0, 0, 0.0001),
      rd: { y: { estimate: 0.3, se: 0.05 } },
      change: { kind: 'lift', points: 1, deltaScore: 0.8, deltaBad: -0.2 },
      draws: 20_000,
    });
    // sd of the direct effect = 0.8 * 0.02 = 0.016: the 95 % interval is about ±0.031
    near(r.direct.ci95[1] - r.direct.ci95[0], 2 * 1.96 * 0.016, 0.003);
    assert.ok(r.total.ci95[0] < r.total.estimate && r.total.estimate < r.total.ci95[1]);
  });

  it('counts a path without a measured risk difference as 0 and says so', () => {
    const r = whatIf({
      ...base,
      rd: {},
      change: { kind: 'lift', points: 1, deltaScore: 0.8, deltaBad: -0.2 },
    });
    near(r.indirect.estimate, 0);
    assert.deepEqual(r.unmeasured, ['y']);
  });
});

describe('signal definitions', () => {
  it('read thresholds and outcomes as the CLI writes them', () => {
    assert.deepEqual(parseBadThresholds('nps=5, ces=2'), { ...DEFAULT_BAD, nps: 5, ces: 2 });
    assert.ok(Array.isArray(parseBadThresholds('nps=five')));
    assert.ok(Array.isArray(parseBadThresholds('loyalty=3')));
    assert.deepEqual(parseOutcomeSpec('rating@trip-survey>=1'), {
      kind: 'feedback',
      id: 'rating@trip-survey>=1',
      metric: 'rating',
      touchpoint: 'trip-survey',
      positiveAtLeast: 1,
    });
    assert.equal((parseOutcomeSpec('nps') as { positiveAtLeast: number }).positiveAtLeast, 9);
    assert.equal((parseOutcomeSpec('churn') as { kind: string }).kind, 'churn');
    assert.equal((parseOutcomeSpec('loyalty') as { code: string }).code, 'invalid_outcome');
  });

  it('call NPS 0-6, CSAT 1-2, CES 1-3 and the bottom 40 % of a rating bad', () => {
    const scale = { min: 1, max: 10 };
    assert.deepEqual(
      [6, 7].map((s) => isBadAnswer(DEFAULT_BAD, 'nps', s, { min: 0, max: 10 })),
      [true, false],
    );
    assert.deepEqual(
      [3, 4].map((s) => isBadAnswer(DEFAULT_BAD, 'ces', s, { min: 1, max: 7 })),
      [true, false],
    );
    assert.deepEqual(
      [4, 5].map((s) => isBadAnswer(DEFAULT_BAD, 'rating', s, scale)),
      [true, false],
    );
  });
});
