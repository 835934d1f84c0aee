import type { FieldIssue } from '../issues.ts';
import { badThresholdsSchema, DEFAULT_BAD, type BadThresholds } from './answers.ts';

/** Parses "nps=6,csat=2" (the CLI form) over the defaults. */
export function parseBadThresholds(text: string | undefined): BadThresholds | FieldIssue[] {
  if (text === undefined || text.trim() === '') return DEFAULT_BAD;
  // A Map, turned into own properties below: `__proto__=6` must reach the schema as a key it refuses.
  const raw = new Map<string, number>();
  const issues: FieldIssue[] = [];
  for (const part of text.split(',')) {
    const [key, value, extra] = part.split('=').map((s) => s.trim());
    const x = Number(value);
    if (!key || value === undefined || value === '' || extra !== undefined || !Number.isFinite(x)) {
      issues.push({
        path: 'bad',
        code: 'invalid_threshold',
        message: `expected METRIC=NUMBER, got "${part}"`,
      });
    } else raw.set(key, x);
  }
  if (issues.length) return issues;
  const parsed = badThresholdsSchema.safeParse(Object.fromEntries(raw));
  if (!parsed.success) {
    return parsed.error.issues.map((i) => ({
      path: ['bad', ...i.path].join('.'),
      code: i.code,
      message: i.message,
    }));
  }
  return parsed.data;
}
