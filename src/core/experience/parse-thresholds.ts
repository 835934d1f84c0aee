import type { FieldIssue } from '../issues.ts';
import { badThresholdsSchema, DEFAULT_BAD, type BadThresholds } from './answers.ts';

/** Parses "nps=6,csat=2" (the CLI form) over the defaults. */
export function parseBadThresholds(text: string | undefined): BadThresholds | FieldIssue[] {
  if (text === undefined || text.trim() === '') return DEFAULT_BAD;
  const raw: Record<string, number> = {};
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
    } else raw[key] = x;
  }
  if (issues.length) return issues;
  const parsed = badThresholdsSchema.safeParse(raw);
  if (!parsed.success) {
    return parsed.error.issues.map((i) => ({
      path: ['bad', ...i.path].join('.'),
      code: i.code,
      message: i.message,
    }));
  }
  return parsed.data;
}
