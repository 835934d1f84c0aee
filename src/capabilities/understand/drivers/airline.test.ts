// The real airline passenger survey (../shared/data/airline, 129,880 respondents). Not copied into the
// repository; the test is skipped, saying so, where the shared data is absent.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { AIRLINE_DRIVERS, AIRLINE_FILES, AIRLINE_OUTCOME, AIRLINE_POSITIVE } from './airline-columns.ts';
import { analyzeCsvDrivers } from './csv.ts';

const dir = fileURLToPath(new URL('../../../../../shared/data/airline/', import.meta.url));
const files = AIRLINE_FILES.map((f) => dir + f);
const missing = files.some((f) => !existsSync(f));

describe('key drivers of airline passenger satisfaction', () => {
  it(
    'analyses all 129,880 respondents with plausible structure',
    { skip: missing ? `airline data not found at ${dir}` : false },
    async () => {
      const result = await analyzeCsvDrivers({
        files,
        outcome: AIRLINE_OUTCOME,
        positive: AIRLINE_POSITIVE,
        drivers: AIRLINE_DRIVERS,
        na: ['0'],
      });
      assert.ok(result.ok, result.ok ? '' : result.error.message);
      assert.equal(result.rowsRead, 129880);
      assert.equal(result.source.positiveRows, 56428);
      assert.equal(result.outcomeKind, 'binary');
      assert.equal(result.method.subsets, 16384);
      // Rows with a 0 ("not applicable") rating are left out: about 8 % of respondents.
      assert.ok(result.n > 115000 && result.n < 125000, `n = ${result.n}`);
      assert.ok(result.r2 > 0.4 && result.r2 < 0.6, `R² = ${result.r2}`);
      const total = (key: 'lmgShare' | 'relativeWeightShare' | 'lmg' | 'relativeWeight') =>
        result.drivers.reduce((s, d) => s + d[key], 0);
      assert.ok(Math.abs(total('lmgShare') - 1) < 1e-12);
      assert.ok(Math.abs(total('relativeWeightShare') - 1) < 1e-12);
      assert.ok(Math.abs(total('lmg') - result.r2) < 1e-12);
      assert.ok(Math.abs(total('relativeWeight') - result.r2) < 1e-12);
      for (const d of result.drivers) assert.ok(Math.abs(d.generalDominance - d.lmg) < 1e-13);
      // Online boarding dominates (about 30 % of the explained variance); wifi comes next and is the
      // one important touchpoint that performs below average; gate location barely matters.
      assert.equal(result.drivers[0]!.name, 'Online boarding');
      assert.ok(result.drivers[0]!.lmgShare > 0.25);
      assert.equal(result.drivers[1]!.name, 'Inflight wifi service');
      assert.equal(result.drivers[1]!.quadrant, 'concentrate-here');
      assert.equal(result.drivers.at(-1)!.name, 'Gate location');
      assert.deepEqual(result.excluded, []);
    },
  );
});
