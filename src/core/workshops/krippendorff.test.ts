import assert from 'node:assert/strict';
import { test } from 'node:test';
import { krippendorffAlpha } from './krippendorff.ts';

/**
 * The reliability data of Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section
 * C: four observers, twelve units, values 1-5, with missing values. The paper computes by hand
 * alpha = 0.743 (nominal), 0.815 (ordinal) and 0.849 (interval).
 */
const OBSERVERS = [
  [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
  [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
];
const UNITS = OBSERVERS[0]!.map((_, u) => OBSERVERS.map((o) => o[u]).filter((v): v is number => v !== null));

test("Krippendorff's worked example: nominal, ordinal and interval alpha as computed in the paper", () => {
  assert.equal(krippendorffAlpha(UNITS, 'nominal').alpha!.toFixed(3), '0.743');
  assert.equal(krippendorffAlpha(UNITS, 'ordinal').alpha!.toFixed(3), '0.815');
  assert.equal(krippendorffAlpha(UNITS, 'interval').alpha!.toFixed(3), '0.849');
  // unit 12 has one value: not pairable
  assert.equal(krippendorffAlpha(UNITS).units, 11);
  assert.equal(krippendorffAlpha(UNITS).values, 40);
});

test('a small case by hand: two raters, three cells', () => {
  // Units {0,0}, {1,1}, {0,1}. Coincidences: o00 = 2, o11 = 2, o01 = o10 = 1; n0 = n1 = 3, N = 6.
  // Nominal: D_o = 2 (o01 + o10), D_e = 2 * 3 * 3 = 18 over N - 1 = 5: alpha = 1 - 5 * 2 / 18 = 0.444...
  assert.ok(
    Math.abs(
      krippendorffAlpha(
        [
          [0, 0],
          [1, 1],
          [0, 1],
        ],
        'nominal',
      ).alpha! -
        (1 - 10 / 18),
    ) < 1e-12,
  );
  // With two values every metric's distance is one constant, so ordinal equals nominal.
  assert.ok(
    Math.abs(
      krippendorffAlpha(
        [
          [0, 0],
          [1, 1],
          [0, 1],
        ],
        'ordinal',
      ).alpha! -
        (1 - 10 / 18),
    ) < 1e-12,
  );
});

test('perfect agreement is 1; one value everywhere is undefined, not perfect', () => {
  assert.equal(
    krippendorffAlpha([
      [0, 0],
      [3, 3],
      [2, 2, 2],
    ]).alpha,
    1,
  );
  assert.equal(
    krippendorffAlpha([
      [2, 2],
      [2, 2],
    ]).alpha,
    null,
  );
  assert.equal(krippendorffAlpha([[1], [2]]).alpha, null);
});
