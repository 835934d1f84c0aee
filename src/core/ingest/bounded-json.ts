import { FORBIDDEN_KEYS, LIMITS } from './limits.ts';
import type { FieldIssue } from '../issues.ts';

/**
 * Checks a free-form JSON object (properties, traits, context) against the depth, size and
 * key limits, and refuses prototype-changing keys. Returns the problems found, empty when none.
 */
export function checkBoundedObject(value: unknown, path: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  let keys = 0;
  const walk = (node: unknown, at: string, depth: number): void => {
    if (issues.length) return;
    if (typeof node === 'string') {
      if (node.length > LIMITS.longString) {
        issues.push({
          path: at,
          code: 'string_too_long',
          message: `longer than ${LIMITS.longString} characters`,
        });
      }
      return;
    }
    if (typeof node === 'number') {
      if (!Number.isFinite(node))
        issues.push({ path: at, code: 'not_finite', message: 'numbers must be finite' });
      return;
    }
    if (node === null || typeof node !== 'object') return;
    if (depth > LIMITS.depth) {
      issues.push({ path: at, code: 'too_deep', message: `nested deeper than ${LIMITS.depth} levels` });
      return;
    }
    const entries = Array.isArray(node) ? node.map((v, i) => [String(i), v] as const) : Object.entries(node);
    for (const [key, child] of entries) {
      if (FORBIDDEN_KEYS.has(key)) {
        issues.push({
          path: `${at}.${key}`,
          code: 'forbidden_key',
          message: `the key "${key}" is not allowed`,
        });
        return;
      }
      if (++keys > LIMITS.keys) {
        issues.push({ path: at, code: 'too_many_keys', message: `more than ${LIMITS.keys} keys` });
        return;
      }
      walk(child, `${at}.${key}`, depth + 1);
    }
  };
  walk(value, path, 1);
  if (!issues.length && value !== undefined && JSON.stringify(value).length > LIMITS.objectBytes) {
    issues.push({ path, code: 'too_large', message: `larger than ${LIMITS.objectBytes} bytes as JSON` });
  }
  return issues;
}
