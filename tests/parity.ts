import assert from 'node:assert/strict';

/**
 * Asserts that a report computed on PostgreSQL equals the same report computed on DuckDB: numbers
 * to a relative `tolerance` (the engines sum and interpolate floating point in different orders),
 * everything else exactly. With `sameKeys`, objects must have the same keys, not only the expected
 * ones.
 */
export function assertParity(
  actual: unknown,
  expected: unknown,
  options: { tolerance: number; sameKeys?: boolean },
  path = 'report',
): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    const scale = Math.max(1, Math.abs(expected));
    assert.ok(Math.abs(actual - expected) <= options.tolerance * scale, `${path}: ${actual} vs ${expected}`);
    return;
  }
  if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual), `${path} is not an array`);
    assert.equal(actual.length, expected.length, `${path}.length`);
    expected.forEach((item, i) => assertParity(actual[i], item, options, `${path}[${i}]`));
    return;
  }
  if (expected !== null && typeof expected === 'object') {
    assert.ok(actual !== null && typeof actual === 'object', `${path} is not an object`);
    if (options.sameKeys) {
      assert.deepEqual(Object.keys(actual).sort(), Object.keys(expected).sort(), `${path} keys`);
    }
    for (const [key, value] of Object.entries(expected))
      assertParity((actual as Record<string, unknown>)[key], value, options, `${path}.${key}`);
    return;
  }
  assert.equal(actual, expected, path);
}
