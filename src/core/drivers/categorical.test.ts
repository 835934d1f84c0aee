import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeDrivers } from './analyze.ts';
import { groupSubsetR2Sums } from './group-r-squared.ts';
import { subsetR2Sums } from './r-squared.ts';
import { close, closeAll, normal, plantedData, rng, systemOf } from './test-helpers.ts';
import type { CategoricalDriverResult, DriverAnalysisOk, DriverInput } from './types.ts';

/**
 * R² of y on the given raw columns with an intercept, by the normal equations and Gaussian
 * elimination: written here without any of the production code (which works from correlations).
 */
function r2ByOls(y: ArrayLike<number>, columns: readonly ArrayLike<number>[]): number {
  const n = y.length;
  const k = columns.length + 1;
  const x = (r: number, j: number): number => (j === 0 ? 1 : columns[j - 1]![r]!);
  const a: number[][] = Array.from({ length: k }, () => new Array<number>(k + 1).fill(0));
  for (let r = 0; r < n; r++) {
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < k; j++) a[i]![j]! += x(r, i) * x(r, j);
      a[i]![k]! += x(r, i) * y[r]!;
    }
  }
  for (let c = 0; c < k; c++) {
    let pivot = c;
    for (let r = c + 1; r < k; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[pivot]![c]!)) pivot = r;
    [a[c], a[pivot]] = [a[pivot]!, a[c]!];
    for (let r = 0; r < k; r++) {
      if (r === c) continue;
      const f = a[r]![c]! / a[c]![c]!;
      for (let j = c; j <= k; j++) a[r]![j]! -= f * a[c]![j]!;
    }
  }
  const beta = a.map((row, i) => row[k]! / row[i]!);
  let mean = 0;
  for (let r = 0; r < n; r++) mean += y[r]! / n;
  let sse = 0;
  let sst = 0;
  for (let r = 0; r < n; r++) {
    let fit = 0;
    for (let j = 0; j < k; j++) fit += beta[j]! * x(r, j);
    sse += (y[r]! - fit) ** 2;
    sst += (y[r]! - mean) ** 2;
  }
  return 1 - sse / sst;
}

const factorial = (n: number): number => (n <= 1 ? 1 : n * factorial(n - 1));

/** The Shapley value of R² over players that are groups of columns, by enumerating every coalition. */
function exactGroupShapley(
  y: ArrayLike<number>,
  players: readonly (readonly ArrayLike<number>[])[],
): number[] {
  const g = players.length;
  const value = (mask: number): number => {
    const cols = players.filter((_, i) => mask & (1 << i)).flat();
    return cols.length === 0 ? 0 : r2ByOls(y, cols);
  };
  return players.map((_, j) => {
    let phi = 0;
    for (let mask = 0; mask < 1 << g; mask++) {
      if (mask & (1 << j)) continue;
      const s = [...Array(g).keys()].filter((i) => mask & (1 << i)).length;
      const weight = (factorial(s) * factorial(g - s - 1)) / factorial(g);
      phi += weight * (value(mask | (1 << j)) - value(mask));
    }
    return phi;
  });
}

/**
 * A Telco-like planted set: a 3-level contract (month-to-month churns most), tenure in months,
 * monthly charges in dollars and a yes/no add-on, the outcome a 0/1 churn.
 */
function telcoLike(rows: number, seed: number) {
  const random = rng(seed);
  const z = normal(random);
  const contract = new Float64Array(rows);
  const tenure = new Float64Array(rows);
  const charges = new Float64Array(rows);
  const security = new Float64Array(rows);
  const churn = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    const u = random();
    const c = u < 0.55 ? 0 : u < 0.76 ? 1 : 2; // Month-to-month, One year, Two year
    contract[r] = c;
    tenure[r] = Math.min(72, Math.max(0, Math.round(12 + 20 * c + 15 * z())));
    charges[r] = Math.min(120, Math.max(18, 65 + 25 * z()));
    security[r] = random() < 0.3 + 0.1 * c ? 1 : 0;
    const risk =
      0.45 - [0, 0.3, 0.4][c]! - 0.003 * tenure[r]! + 0.002 * (charges[r]! - 65) - 0.08 * security[r]!;
    churn[r] = random() < Math.min(0.95, Math.max(0.02, risk)) ? 1 : 0;
  }
  return { contract, tenure, charges, security, churn };
}

const LEVELS = ['Month-to-month', 'One year', 'Two year'];

function telcoInput(data: ReturnType<typeof telcoLike>, reference?: string): DriverInput {
  return {
    outcome: { name: 'Churn', values: data.churn },
    drivers: [
      { name: 'tenure', values: data.tenure },
      { name: 'MonthlyCharges', values: data.charges },
      { name: 'OnlineSecurity', values: data.security },
    ],
    categorical: [
      { name: 'Contract', codes: data.contract, levels: LEVELS, ...(reference ? { reference } : {}) },
    ],
  };
}

function ok(result: ReturnType<typeof analyzeDrivers>): DriverAnalysisOk {
  assert.equal(result.ok, true, result.ok ? '' : result.error.message);
  return result as DriverAnalysisOk;
}

describe('categorical drivers', () => {
  const data = telcoLike(3000, 7);
  const result = ok(analyzeDrivers(telcoInput(data), { better: 'lower' }));

  it('report the dummies as one driver whose LMG is the exact group Shapley value', () => {
    const dummy = (level: number) => Float64Array.from(data.contract, (c) => (c === level ? 1 : 0));
    const players = [[data.tenure], [data.charges], [data.security], [dummy(1), dummy(2)]];
    const exact = exactGroupShapley(data.churn, players);
    const byName = ['tenure', 'MonthlyCharges', 'OnlineSecurity', 'Contract'].map(
      (name) => result.drivers.find((d) => d.name === name)!.lmg,
    );
    closeAll(byName, exact, 1e-9, 'group Shapley');
    close(
      exact.reduce((a, b) => a + b, 0),
      result.r2,
      1e-9,
      'the values sum to R²',
    );
    assert.equal(result.method.players, 'groups');
    assert.equal(result.drivers.length, 4, 'no dummy is reported as a driver of its own');
  });

  it('give the same share whatever the reference level, and per-level effects against it', () => {
    const contract = result.drivers.find((d) => d.name === 'Contract') as CategoricalDriverResult;
    assert.equal(contract.kind, 'categorical');
    assert.equal(contract.reference.level, 'Month-to-month', 'the most frequent level by default');
    assert.deepEqual(
      contract.levels.map((l) => l.level),
      ['One year', 'Two year'],
    );
    assert.equal(contract.reference.n + contract.levels.reduce((s, l) => s + l.n, 0), result.n);
    for (const l of contract.levels) {
      assert.ok(l.b < 0, 'longer contracts churn less than month-to-month');
      assert.ok(l.ci95[0] < l.b && l.b < l.ci95[1]);
    }
    const other = ok(analyzeDrivers(telcoInput(data, 'Two year'), { better: 'lower' }));
    const moved = other.drivers.find((d) => d.name === 'Contract') as CategoricalDriverResult;
    assert.equal(moved.reference.level, 'Two year');
    close(moved.lmgShare, contract.lmgShare, 1e-12, 'share independent of the reference');
    close(moved.p, contract.p, 1e-9, 'the group test is independent of the reference');
    const monthly = moved.levels.find((l) => l.level === 'Month-to-month')!;
    close(monthly.b, -contract.levels.find((l) => l.level === 'Two year')!.b, 1e-9, 'contrasts flip');
  });

  it('differ from summing the dummies’ separate shares (the wrong way)', () => {
    const dummy = (level: number) => Float64Array.from(data.contract, (c) => (c === level ? 1 : 0));
    const separate = ok(
      analyzeDrivers({
        outcome: { name: 'Churn', values: data.churn },
        drivers: [
          { name: 'tenure', values: data.tenure },
          { name: 'MonthlyCharges', values: data.charges },
          { name: 'OnlineSecurity', values: data.security },
          { name: 'One year', values: dummy(1) },
          { name: 'Two year', values: dummy(2) },
        ],
      }),
    );
    const summed = separate.drivers
      .filter((d) => d.name === 'One year' || d.name === 'Two year')
      .reduce((s, d) => s + d.lmgShare, 0);
    const grouped = result.drivers.find((d) => d.name === 'Contract')!.lmgShare;
    assert.ok(Math.abs(summed - grouped) > 0.005, `summed ${summed} against grouped ${grouped}`);
  });

  it('name a categorical column that cannot take part instead of dropping it', () => {
    const single = ok(
      analyzeDrivers({
        ...telcoInput(data),
        categorical: [{ name: 'Contract', codes: new Float64Array(data.contract.length), levels: LEVELS }],
      }),
    );
    assert.deepEqual(
      single.excluded.map((e) => [e.name, e.reason]),
      [['Contract', 'constant']],
    );
    assert.match(single.excluded[0]!.message, /single level "Month-to-month"/);
  });

  it('with single-driver groups, the group walk is the one-driver walk', () => {
    const { y, xs } = plantedData(3, 400, [0.5, 0.2, 0, 0.3, 0.1]);
    const system = systemOf(y, xs);
    const a = subsetR2Sums(system);
    const b = groupSubsetR2Sums(
      system,
      xs.map((_, j) => [j]),
    );
    closeAll(b.total, Array.from(a.total), 1e-12, 'total');
    closeAll(b.withDriver, Array.from(a.withDriver), 1e-12, 'withDriver');
    assert.equal(b.subsets, a.subsets);
  });
});
