import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { accumulateListwise, correlationMatrix, MomentAccumulator, sampleSd } from './correlation.ts';
import { close, normal, rng } from './test-helpers.ts';

describe('MomentAccumulator', () => {
  it('matches a two-pass computation, even far from zero where Σx² - (Σx)²/n loses every digit', () => {
    const z = normal(rng(7));
    const rows = 5000;
    const offset = 1e9; // ratings stored as large ids would break the textbook formula
    const data = Array.from({ length: rows }, () => {
      const a = z();
      return [offset + a, offset + 0.5 * a + z(), 3 + z()];
    });
    const acc = new MomentAccumulator(3);
    for (const row of data) acc.push(row);
    const m = acc.result();
    assert.equal(m.n, rows);
    // The reference subtracts the known offset first (exact in floating point), so it is precise.
    const shift = [offset, offset, 0];
    const mean = [0, 1, 2].map((i) => shift[i]! + data.reduce((s, r) => s + (r[i]! - shift[i]!), 0) / rows);
    for (let i = 0; i < 3; i++) {
      close(m.mean[i]!, mean[i]!, 1e-14 * Math.abs(mean[i]!) + 1e-14, `mean ${i}`);
      for (let j = 0; j < 3; j++) {
        const c = data.reduce((s, r) => s + (r[i]! - mean[i]!) * (r[j]! - mean[j]!), 0);
        const scale = Math.sqrt(m.comoment[i * 3 + i]! * m.comoment[j * 3 + j]!);
        close(m.comoment[i * 3 + j]!, c, 1e-12 * scale, `comoment ${i},${j}`);
      }
    }
    const naive =
      data.reduce((s, r) => s + r[0]! * r[0]!, 0) - data.reduce((s, r) => s + r[0]!, 0) ** 2 / rows;
    const exact = data.reduce((s, r) => s + (r[0]! - mean[0]!) ** 2, 0);
    assert.ok(Math.abs(naive - exact) > 1, `the textbook formula is off by ${naive - exact}`);
    const r = correlationMatrix(m, [0, 1]);
    close(r[1]!, 0.5 / Math.sqrt(1.25), 0.03, 'correlation of the planted pair');
  });

  it('tracks min, max and whether a column is 0/1', () => {
    const acc = new MomentAccumulator(2);
    acc.push([0, 2]);
    acc.push([1, 5]);
    acc.push([1, 3]);
    const m = acc.result();
    assert.deepEqual(m.binary, [true, false]);
    assert.deepEqual(Array.from(m.min), [0, 2]);
    assert.deepEqual(Array.from(m.max), [1, 5]);
    close(
      sampleSd(m, 1),
      Math.sqrt(((2 - 10 / 3) ** 2 + (5 - 10 / 3) ** 2 + (3 - 10 / 3) ** 2) / 2),
      1e-14,
      'sd',
    );
  });
});

describe('accumulateListwise', () => {
  it('keeps only rows complete in every column and counts missing and not-applicable cells', () => {
    const y = [1, 2, NaN, 4, 5, 6];
    const x1 = [1, 0, 3, 4, NaN, 6];
    const x2 = [2, 2, 2, 9, 1, 1];
    const { moments, rowsRead, missing, notApplicable } = accumulateListwise([
      { values: y },
      { values: x1, notApplicable: [0] },
      { values: x2, notApplicable: [9] },
    ]);
    assert.equal(rowsRead, 6);
    assert.equal(moments.n, 2, 'rows 0 and 5 are the only complete ones');
    assert.deepEqual(missing, [1, 1, 0]);
    assert.deepEqual(notApplicable, [0, 1, 1]);
    close(moments.mean[0]!, 3.5, 1e-15, 'mean of y over rows 0 and 5');
  });

  it('rejects columns of different lengths (a caller bug, not data)', () => {
    assert.throws(() => accumulateListwise([{ values: [1, 2] }, { values: [1] }]), RangeError);
  });
});
