import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeDrivers } from './analyze.ts';
import { findNonFinite } from './finite.ts';
import { swissColumn } from './fixtures/swiss.ts';
import { close, normal, plantedData, rng, sum } from './test-helpers.ts';
import type { DriverAnalysis, DriverAnalysisError, DriverAnalysisOk, DriverInput } from './types.ts';

const swissDrivers = ['Agriculture', 'Examination', 'Education', 'Catholic', 'Infant.Mortality'] as const;

function swissInput(): DriverInput {
  return {
    outcome: { name: 'Fertility', values: swissColumn('Fertility') },
    drivers: swissDrivers.map((name) => ({ name, values: swissColumn(name) })),
  };
}

/** Every answer, good or bad, must be free of NaN and Infinity (JSON would turn them into null). */
function clean(result: DriverAnalysis): DriverAnalysis {
  assert.equal(findNonFinite(result), null, `non-finite number at ${findNonFinite(result)}`);
  assert.doesNotThrow(() => JSON.stringify(result));
  return result;
}

function ok(result: DriverAnalysis): DriverAnalysisOk {
  clean(result);
  assert.equal(result.ok, true, result.ok ? '' : `${result.error.code}: ${result.error.message}`);
  return result as DriverAnalysisOk;
}

function failed(result: DriverAnalysis, code: string): DriverAnalysisError {
  clean(result);
  assert.equal(result.ok, false, 'expected a structured failure');
  const error = result as DriverAnalysisError;
  assert.equal(error.error.code, code, error.error.message);
  return error;
}

describe('analyzeDrivers on swiss', () => {
  const result = ok(analyzeDrivers(swissInput(), { minN: 30 }));

  it('returns the documented fields with shares summing to 1 and weights to R²', () => {
    assert.equal(result.n, 47);
    close(result.r2, 0.706735001593, 1e-11, 'R²');
    close(sum(result.drivers.map((d) => d.lmg)), result.r2, 1e-12, 'Σ lmg = R²');
    close(sum(result.drivers.map((d) => d.relativeWeight)), result.r2, 1e-12, 'Σ relative weights = R²');
    close(sum(result.drivers.map((d) => d.lmgShare)), 1, 1e-12, 'Σ lmg shares');
    close(sum(result.drivers.map((d) => d.relativeWeightShare)), 1, 1e-12, 'Σ relative weight shares');
    for (const d of result.drivers) {
      close(d.generalDominance, d.lmg, 1e-13, `general dominance = lmg for ${d.name}`);
      close(
        d.conditionalDominance[0]!,
        d.r * d.r,
        1e-13,
        `conditional dominance at size 0 = r² for ${d.name}`,
      );
    }
  });

  it('ranks Education first and flags Agriculture as a suppressor', () => {
    assert.deepEqual(
      result.drivers.map((d) => d.name),
      ['Education', 'Examination', 'Infant.Mortality', 'Catholic', 'Agriculture'],
    );
    assert.deepEqual(
      result.drivers.map((d) => d.rank),
      [1, 2, 3, 4, 5],
    );
    assert.ok(result.warnings.some((w) => w.includes('"Agriculture"') && w.includes('opposite signs')));
    assert.equal(result.outcomeKind, 'numeric');
    assert.equal(result.model, 'linear-regression');
  });

  it('places drivers in quadrants with explicit thresholds', () => {
    assert.equal(result.quadrants.importance, 'lmgShare');
    assert.deepEqual(result.quadrants.thresholds.importance, { rule: 'mean', value: 0.2 });
    // More education goes with lower fertility: read with "higher is better" that is an effect against
    // the outcome and gets no quadrant; with "lower is better" Education is the driver to work on.
    const education = result.drivers.find((d) => d.name === 'Education')!;
    assert.equal(education.quadrant, 'works-against-outcome');
    const lowerBetter = ok(analyzeDrivers(swissInput(), { minN: 30, better: 'lower' }));
    assert.equal(lowerBetter.drivers.find((d) => d.name === 'Education')!.quadrant, 'concentrate-here');
    const byMedian = ok(analyzeDrivers(swissInput(), { threshold: 'median', importance: 'relativeWeight' }));
    assert.equal(byMedian.quadrants.thresholds.performance.rule, 'median');
    assert.equal(byMedian.quadrants.importance, 'relativeWeightShare');
    const fixed = ok(analyzeDrivers(swissInput(), { threshold: 20 }));
    assert.deepEqual(fixed.quadrants.thresholds.performance, { rule: 'value', value: 20 });
    assert.equal(fixed.quadrants.thresholds.importance.rule, 'mean', 'a number applies to performance only');
  });
});

describe('planted effects are recovered', () => {
  it('the strongest planted driver ranks first, a null driver last, with significant betas', () => {
    const { y, xs } = plantedData(21, 3000, [0.1, 0.8, 0, 0.4], 0.4);
    const result = ok(
      analyzeDrivers({
        outcome: { name: 'y', values: y },
        drivers: xs.map((values, j) => ({ name: `x${j}`, values })),
      }),
    );
    assert.deepEqual(
      result.drivers.map((d) => d.name),
      ['x1', 'x3', 'x0', 'x2'],
    );
    const x1 = result.drivers[0]!;
    assert.equal(x1.kind, 'numeric');
    if (x1.kind !== 'numeric') return;
    close(x1.b, 0.8, 0.05, 'raw coefficient of x1');
    assert.ok(x1.p < 1e-10);
    assert.ok(result.drivers.find((d) => d.name === 'x2')!.p > 0.001, 'the null driver is not significant');
  });

  it('a 0/1 outcome is analysed as a linear probability model and says so', () => {
    const { y, xs } = plantedData(4, 2000, [1, 0.3], 0.2);
    const binary = Float64Array.from(y, (v) => (v > 0 ? 1 : 0));
    const result = ok(
      analyzeDrivers({
        outcome: { name: 'satisfied', values: binary },
        drivers: xs.map((values, j) => ({ name: `x${j}`, values })),
      }),
    );
    assert.equal(result.outcomeKind, 'binary');
    assert.equal(result.model, 'linear-probability');
    assert.ok(result.notes.some((n) => n.includes('linear probability model')));
    assert.equal(result.drivers[0]!.name, 'x0');
  });
});

describe('missing values', () => {
  it('drops rows listwise and treats not-applicable codes as missing when asked', () => {
    const input = swissInput();
    const agriculture = Float64Array.from(swissColumn('Agriculture'));
    agriculture[0] = NaN;
    agriculture[1] = -1;
    const drivers = input.drivers.map((d) =>
      d.name === 'Agriculture' ? { name: d.name, values: agriculture, notApplicable: [-1] } : d,
    );
    const result = ok(analyzeDrivers({ outcome: input.outcome, drivers }));
    assert.equal(result.rowsRead, 47);
    assert.equal(result.n, 45);
    const column = result.columns.find((c) => c.name === 'Agriculture')!;
    assert.deepEqual([column.missing, column.notApplicable], [1, 1]);
    assert.ok(result.notes.some((n) => n.startsWith('2 of 47 rows were left out')));
    // Without the code, -1 is an ordinary value and only the NaN row goes.
    const asValue = ok(
      analyzeDrivers({
        outcome: input.outcome,
        drivers: input.drivers.map((d) =>
          d.name === 'Agriculture' ? { name: d.name, values: agriculture } : d,
        ),
      }),
    );
    assert.equal(asValue.n, 46);
  });

  it('sets aside a driver with no usable value and analyses the rest', () => {
    const input = swissInput();
    const empty = new Float64Array(47).fill(NaN);
    const result = ok(
      analyzeDrivers({
        outcome: input.outcome,
        drivers: [...input.drivers, { name: 'Empty', values: empty }],
      }),
    );
    assert.equal(result.n, 47);
    assert.deepEqual(
      result.excluded.map((e) => [e.name, e.reason]),
      [['Empty', 'no-data']],
    );
    assert.equal(result.drivers.length, 5);
  });

  it('all rows missing is a structured answer naming the worst columns', () => {
    const input = swissInput();
    const outcome = { name: 'Fertility', values: new Float64Array(47).fill(NaN) };
    const error = failed(analyzeDrivers({ outcome, drivers: input.drivers }), 'no_complete_rows');
    assert.match(error.error.message, /"Fertility" \(47 unusable\)/);
    assert.equal(error.n, 0);
    failed(
      analyzeDrivers({ outcome: { name: 'y', values: [] }, drivers: [{ name: 'x', values: [] }] }),
      'no_complete_rows',
    );
  });
});

describe('degenerate input', () => {
  it('a constant driver is excluded with its value and the reason', () => {
    const input = swissInput();
    const result = ok(
      analyzeDrivers({
        outcome: input.outcome,
        drivers: [...input.drivers, { name: 'Constant', values: new Float64Array(47).fill(3) }],
      }),
    );
    assert.deepEqual(result.excluded, [
      {
        name: 'Constant',
        reason: 'constant',
        value: 3,
        message: '"Constant" is 3 in every analysed row, so it cannot explain any variance',
      },
    ]);
    close(result.r2, 0.706735001593, 1e-11, 'R² unchanged');
  });

  it('perfectly collinear drivers are detected by the Cholesky pivot and named', () => {
    const input = swissInput();
    const sumOfTwo = Float64Array.from(
      swissColumn('Examination'),
      (v, i) => v + 2 * swissColumn('Education')[i]!,
    );
    const result = ok(
      analyzeDrivers({
        outcome: input.outcome,
        drivers: [
          ...input.drivers,
          { name: 'Education again', values: swissColumn('Education') },
          { name: 'Exam + 2 Education', values: sumOfTwo },
        ],
      }),
    );
    assert.deepEqual(
      result.excluded.map((e) => [e.name, e.reason, e.collinearWith]),
      [
        ['Education again', 'collinear', ['Education']],
        ['Exam + 2 Education', 'collinear', ['Examination', 'Education']],
      ],
    );
    assert.equal(result.drivers.length, 5);
    close(result.r2, 0.706735001593, 1e-11, 'R² unchanged');
  });

  it('a constant outcome, fewer rows than drivers, too few rows and too many drivers are refused clearly', () => {
    const input = swissInput();
    failed(
      analyzeDrivers({
        outcome: { name: 'Fertility', values: new Float64Array(47).fill(70) },
        drivers: input.drivers,
      }),
      'constant_outcome',
    );
    const few = (n: number): DriverInput => ({
      outcome: { name: 'Fertility', values: swissColumn('Fertility').subarray(0, n) },
      drivers: input.drivers.map((d) => ({
        name: d.name,
        values: (d.values as Float64Array).subarray(0, n),
      })),
    });
    const tooFew = failed(analyzeDrivers(few(4)), 'too_few_rows');
    assert.match(tooFew.error.message, /4 complete rows for 5 drivers/);
    failed(analyzeDrivers(few(20)), 'below_min_n');
    ok(analyzeDrivers(few(20), { minN: 10 }));
    const z = normal(rng(1));
    const wide: DriverInput = {
      outcome: { name: 'y', values: Float64Array.from({ length: 200 }, z) },
      drivers: Array.from({ length: 6 }, (_, j) => ({
        name: `x${j}`,
        values: Float64Array.from({ length: 200 }, z),
      })),
    };
    failed(analyzeDrivers(wide, { maxDrivers: 5 }), 'too_many_drivers');
    ok(analyzeDrivers(wide, { maxDrivers: 6 }));
  });

  it('bad requests are structured too: no drivers, a repeated driver, the outcome as a driver', () => {
    const input = swissInput();
    failed(analyzeDrivers({ outcome: input.outcome, drivers: [] }), 'invalid_input');
    const twice = failed(
      analyzeDrivers({ outcome: input.outcome, drivers: [input.drivers[0]!, input.drivers[0]!] }),
      'invalid_input',
    );
    assert.match(twice.error.message, /listed twice/);
    failed(analyzeDrivers({ outcome: input.outcome, drivers: [{ ...input.outcome }] }), 'invalid_input');
  });

  it('a perfect fit and an outcome unrelated to every driver stay finite', () => {
    const x1 = Float64Array.from({ length: 40 }, (_, i) => i % 7);
    const x2 = Float64Array.from({ length: 40 }, (_, i) => (i * 3) % 5);
    const exact = ok(
      analyzeDrivers({
        outcome: { name: 'y', values: x1.map((v, i) => v + x2[i]!) },
        drivers: [
          { name: 'x1', values: x1 },
          { name: 'x2', values: x2 },
        ],
      }),
    );
    close(exact.r2, 1, 1e-12, 'R²');
    assert.equal(exact.fTest.f, null);
    // y orthogonal to both drivers by construction: R² = 0, shares reported as 0 with a warning.
    const y = Float64Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? 1 : -1));
    const a = Float64Array.from({ length: 40 }, (_, i) => Math.floor(i / 2) % 3);
    const b = Float64Array.from({ length: 40 }, (_, i) => Math.floor(i / 2) % 4);
    const none = ok(
      analyzeDrivers({
        outcome: { name: 'y', values: y },
        drivers: [
          { name: 'a', values: a },
          { name: 'b', values: b },
        ],
      }),
    );
    close(none.r2, 0, 1e-12, 'R²');
    assert.ok(none.warnings.some((w) => w.includes('R² = 0')));
  });
});
