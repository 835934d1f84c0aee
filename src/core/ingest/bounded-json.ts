import type { FieldIssue } from '../issues.ts';
import { FORBIDDEN_KEYS, LIMITS } from './limits.ts';

/**
 * A JSON string is at most six times its character count once escaped (`\u0000`), plus quotes.
 * While the upper bound stays under the limit, the exact size need not be computed: ingest checks
 * every event's properties, and serialising them twice cost more than validating them.
 */
const ESCAPE_FACTOR = 6;

/**
 * Checks a free-form JSON object (properties, traits, context) against the depth, size and
 * key limits, and refuses prototype-changing keys. Returns the problems found, empty when none.
 */
interface Walk {
  trail: string[];
  maxString: number;
  keys: number;
  bound: number;
  issue: FieldIssue | null;
}

const at = (w: Walk) => w.trail.join('.');

/**
 * Checks a free-form JSON object (properties, traits, context) against the depth, size and
 * key limits, and refuses prototype-changing keys. Returns the problems found, empty when none.
 */
export function checkBoundedObject(
  value: unknown,
  path: string,
  maxString: number = LIMITS.longString,
): FieldIssue[] {
  if (value === undefined || value === null || typeof value !== 'object') return [];
  const w: Walk = { trail: [path], maxString, keys: 0, bound: 2, issue: null };
  walk(w, value, 1);
  if (w.issue) return [w.issue];
  if (w.bound > LIMITS.objectBytes && JSON.stringify(value).length > LIMITS.objectBytes) {
    return [{ path, code: 'too_large', message: `larger than ${LIMITS.objectBytes} bytes as JSON` }];
  }
  return [];
}

function walk(w: Walk, node: unknown, depth: number): void {
  if (typeof node === 'string') {
    if (node.length > w.maxString) {
      w.issue = {
        path: at(w),
        code: 'string_too_long',
        message: `longer than ${w.maxString} characters`,
      };
    }
    w.bound += node.length * ESCAPE_FACTOR + 2;
    return;
  }
  if (typeof node === 'number') {
    if (!Number.isFinite(node))
      w.issue = { path: at(w), code: 'not_finite', message: 'numbers must be finite' };
    w.bound += 24;
    return;
  }
  if (node === null || typeof node !== 'object') {
    w.bound += 5;
    return;
  }
  if (depth > LIMITS.depth) {
    w.issue = { path: at(w), code: 'too_deep', message: `nested deeper than ${LIMITS.depth} levels` };
    return;
  }
  const isArray = Array.isArray(node);
  const names = isArray ? null : Object.keys(node);
  const length = isArray ? node.length : names!.length;
  for (let i = 0; i < length && !w.issue; i++) {
    const key = isArray ? String(i) : names![i]!;
    if (FORBIDDEN_KEYS.has(key)) {
      w.issue = {
        path: `${at(w)}.${key}`,
        code: 'forbidden_key',
        message: `the key "${key}" is not allowed`,
      };
      return;
    }
    if (++w.keys > LIMITS.keys) {
      w.issue = { path: at(w), code: 'too_many_keys', message: `more than ${LIMITS.keys} keys` };
      return;
    }
    w.bound += key.length * ESCAPE_FACTOR + 4;
    w.trail.push(key);
    walk(w, isArray ? node[i] : (node as Record<string, unknown>)[key], depth + 1);
    w.trail.pop();
  }
}
