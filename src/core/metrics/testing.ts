// Helpers for the metric tests (not used by production code).
import assert from 'node:assert/strict';

/** Fails if NaN (or an infinity) hides anywhere inside a result, however deeply nested. */
export function assertNoNaN(value: unknown, path = 'result'): void {
  if (typeof value === 'number') {
    assert.ok(Number.isFinite(value), `${path} is ${value}`);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => assertNoNaN(item, `${path}[${i}]`));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) assertNoNaN(item, `${path}.${key}`);
  }
}

export function assertClose(
  actual: number | null | undefined,
  expected: number,
  tolerance = 1e-9,
  label = '',
): void {
  assert.ok(typeof actual === 'number', `${label} expected a number, got ${actual}`);
  assert.ok(Math.abs(actual - expected) <= tolerance, `${label} expected ${expected}, got ${actual}`);
}

export function assertInterval(
  actual: readonly [number, number] | null,
  expected: readonly [number, number],
  tolerance = 1e-9,
): void {
  assert.ok(actual !== null, 'expected an interval, got null');
  assertClose(actual[0], expected[0], tolerance, 'ci95[0]');
  assertClose(actual[1], expected[1], tolerance, 'ci95[1]');
}
