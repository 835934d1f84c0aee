import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bucketStart, periodLabel } from './period.ts';

const at = (iso: string): number => Date.parse(iso);
const label = (iso: string, bucket: 'day' | 'week' | 'month'): string =>
  periodLabel(bucketStart(at(iso), bucket));

describe('time buckets (UTC)', () => {
  it('days', () => {
    assert.equal(label('2025-03-09T23:59:59.999Z', 'day'), '2025-03-09');
    assert.equal(label('2025-03-10T00:00:00.000Z', 'day'), '2025-03-10');
  });

  it('weeks start on Monday (checked against DuckDB date_trunc: 2025-01-05 -> 2024-12-30)', () => {
    assert.equal(label('2025-01-05T23:59:59.999Z', 'week'), '2024-12-30'); // Sunday
    assert.equal(label('2025-01-06T00:00:00.000Z', 'week'), '2025-01-06'); // Monday
    assert.equal(label('2025-01-08T12:00:00.000Z', 'week'), '2025-01-06');
    assert.equal(label('1970-01-01T00:00:00.000Z', 'week'), '1969-12-29'); // a Thursday
    assert.equal(label('1969-12-28T10:00:00.000Z', 'week'), '1969-12-22'); // before the epoch
  });

  it('months, including leap days and year ends', () => {
    assert.equal(label('2024-02-29T12:00:00.000Z', 'month'), '2024-02-01');
    assert.equal(label('2024-12-31T23:59:59.999Z', 'month'), '2024-12-01');
    assert.equal(label('2025-01-01T00:00:00.000Z', 'month'), '2025-01-01');
  });

  it('rejects non-finite timestamps', () => {
    assert.throws(() => bucketStart(NaN, 'day'), RangeError);
  });
});
