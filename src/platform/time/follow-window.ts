import { parseInstant, parseWindow as parseTimeWindow, WINDOW_FORMAT } from './window.ts';
import { InputError, type FieldIssue } from '../../core/issues.ts';

/**
 * The window an analysis reads, [from, to) as every analytics call takes it, and how long after it
 * outcomes (purchases, churn, later scores) are followed: until `followUntil`, by default `to`.
 */
export interface Window {
  from: Date;
  to: Date;
  followUntil: Date;
}

export interface WindowInput {
  from: string;
  to: string;
  followUntil?: string | undefined;
}

export function parseWindow(input: WindowInput): Window {
  const parsed = parseTimeWindow(input.from, input.to);
  const issues: FieldIssue[] = [...parsed.issues];
  let follow: number | null = null;
  if (input.followUntil !== undefined) {
    follow = parseInstant(input.followUntil, true);
    if (follow === null) {
      issues.push({ path: 'followUntil', code: 'invalid_date', message: `use ${WINDOW_FORMAT}` });
    } else if (parsed.window && follow < parsed.window.to.getTime()) {
      issues.push({ path: 'followUntil', code: 'invalid_date', message: 'must not be before to' });
    }
  }
  if (issues.length || !parsed.window) throw new InputError(issues);
  return { ...parsed.window, followUntil: follow === null ? parsed.window.to : new Date(follow) };
}

export const windowView = (w: Window) => ({
  from: w.from.toISOString(),
  to: w.to.toISOString(),
  followUntil: w.followUntil.toISOString(),
});
