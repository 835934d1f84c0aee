import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { CategoricalDriverResult, DriverAnalysisOk } from '../../../core/drivers/types.ts';
import { analyzeCsvDrivers, type CsvDriverAnalysis } from './csv.ts';
import { TELCO_DRIVERS, telcoLikeCsv } from './fixtures/telco-like.ts';

const dir = mkdtempSync(join(tmpdir(), 'cxloop-telco-'));
const file = join(dir, 'telco-like.csv');
writeFileSync(file, telcoLikeCsv());

const run = (extra: Partial<Parameters<typeof analyzeCsvDrivers>[0]> = {}) =>
  analyzeCsvDrivers(
    { files: [file], outcome: 'Churn', positive: 'Yes', drivers: TELCO_DRIVERS, ...extra },
    { better: 'lower' },
  );

function ok(result: CsvDriverAnalysis): DriverAnalysisOk & CsvDriverAnalysis {
  assert.equal(result.ok, true, result.ok ? '' : result.error.message);
  return result as DriverAnalysisOk & CsvDriverAnalysis;
}

describe('key drivers of a Telco-shaped churn export', () => {
  it('dummy-codes the text columns instead of excluding them, listing levels and the reference', async () => {
    const result = ok(await run());
    assert.equal(result.n, 7043);
    // As in the real export, "No internet service" repeats InternetService=No: that level's dummy is
    // named as collinear, and OnlineSecurity and TechSupport still take part through their Yes level.
    assert.deepEqual(
      result.excluded.map((e) => [e.name, e.reason, e.collinearWith]),
      [
        ['OnlineSecurity=No internet service', 'collinear', ['InternetService=No']],
        ['TechSupport=No internet service', 'collinear', ['InternetService=No']],
      ],
    );
    for (const name of ['OnlineSecurity', 'TechSupport', 'InternetService'])
      assert.ok(
        result.drivers.some((d) => d.name === name && d.kind === 'categorical'),
        name,
      );
    const categorical = result.source.categorical.map((c) => c.column);
    assert.deepEqual(categorical, [
      'gender',
      'Partner',
      'InternetService',
      'OnlineSecurity',
      'TechSupport',
      'Contract',
    ]);
    assert.deepEqual(result.source.categorical.find((c) => c.column === 'Contract')!.levels, [
      'Month-to-month',
      'One year',
      'Two year',
    ]);
    assert.deepEqual(result.source.invalid, [], 'category names are not counted as invalid numbers');
    const contract = result.drivers.find((d) => d.name === 'Contract') as CategoricalDriverResult;
    assert.equal(contract.kind, 'categorical');
    assert.equal(contract.reference.level, 'Month-to-month');
    assert.equal(contract.rank, 1, 'the planted strongest driver');
    assert.ok(contract.significant);
    assert.equal(contract.quadrant, 'not-placed', 'no performance axis for a category');
    for (const l of contract.levels) assert.ok(l.ci95[1] < 0, `${l.level} churns less than month-to-month`);
    const gender = result.drivers.find((d) => d.name === 'gender')!;
    assert.equal(gender.quadrant, 'not-enough-evidence', 'the planted null driver');
  });

  it('gives Contract the same share with another reference level', async () => {
    const a = ok(await run());
    const b = ok(await run({ reference: { Contract: 'Two year' } }));
    const share = (r: DriverAnalysisOk) => r.drivers.find((d) => d.name === 'Contract')!.lmgShare;
    assert.ok(Math.abs(share(a) - share(b)) < 1e-12);
    const moved = b.drivers.find((d) => d.name === 'Contract') as CategoricalDriverResult;
    assert.equal(moved.reference.level, 'Two year');
  });

  it('reads a numeric code as categories when asked, and refuses an unknown reference column', async () => {
    const result = ok(await run({ categorical: ['SeniorCitizen'] }));
    const senior = result.drivers.find((d) => d.name === 'SeniorCitizen')!;
    assert.equal(senior.kind, 'categorical');
    await assert.rejects(run({ reference: { tenure: '1' } }), /not a categorical driver/);
  });

  it('sets aside an identifier-like text column and says why', async () => {
    const result = ok(await run({ drivers: [...TELCO_DRIVERS, 'customerID'] }));
    assert.deepEqual(
      result.excluded.filter((e) => e.reason !== 'collinear').map((e) => [e.name, e.reason]),
      [['customerID', 'too-many-levels']],
    );
  });
});
