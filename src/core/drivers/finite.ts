/**
 * Last line of defence for "never NaN": JSON.stringify silently turns NaN and Infinity into null, so
 * a numerical slip would reach a dashboard as a blank. The analysis checks its own answer with this
 * and reports a structured failure instead.
 */

/** Path of the first NaN or ±Infinity inside a JSON-like value, or null when all numbers are finite. */
export function findNonFinite(value: unknown, path = '$'): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? null : path;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findNonFinite(value[i], `${path}[${i}]`);
      if (found !== null) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      const found = findNonFinite(v, `${path}.${key}`);
      if (found !== null) return found;
    }
  }
  return null;
}
