import assert from 'node:assert/strict';
import { test } from 'node:test';
import { epochMs, parseInterval } from './values.ts';

test('timestamps, timestamptz and dates in a UTC session read as epoch ms', () => {
  const t = Date.parse('2025-03-01T10:20:30.123Z');
  assert.equal(epochMs('2025-03-01 10:20:30.123+00'), t);
  assert.equal(epochMs('2025-03-01 10:20:30.123'), t);
  assert.equal(epochMs('2025-03-01 10:20:30.123456+00'), t);
  assert.equal(epochMs('2025-03-01 10:20:30+00:00'), t - 123);
  assert.equal(epochMs('2025-03-01'), Date.parse('2025-03-01T00:00:00Z'));
  assert.equal(epochMs('infinity'), Infinity);
  assert.equal(epochMs('-infinity'), -Infinity);
});

test("ISO 8601 intervals read in DuckDB's {months, days, micros}", () => {
  assert.deepEqual(parseInterval('PT0S'), { months: 0, days: 0, micros: 0n });
  assert.deepEqual(parseInterval('P1Y2M3DT4H5M6.5S'), {
    months: 14,
    days: 3,
    micros: 4n * 3_600_000_000n + 5n * 60_000_000n + 6_500_000n,
  });
  assert.deepEqual(parseInterval('PT-0.877S'), { months: 0, days: 0, micros: -877_000n });
  assert.deepEqual(parseInterval('P-1DT2H'), { months: 0, days: -1, micros: 7_200_000_000n });
  assert.deepEqual(parseInterval('PT-1M-0.000001S'), { months: 0, days: 0, micros: -60_000_001n });
  assert.throws(() => parseInterval('1 day'), /unexpected interval/);
});
