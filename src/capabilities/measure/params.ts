import { z } from 'zod';
import { InputError, zodIssues, type FieldIssue } from '../../core/issues.ts';
import type { JourneyIndex } from '../../core/journey/rules.ts';
import { SCORE_METRICS, type ScoreMetric } from '../../core/metrics/aggregate.ts';
import { DEFAULT_ALPHA, DEFAULT_MIN_N } from '../../core/metrics/score-types.ts';
import type { TimeBucket } from '../../core/metrics/period.ts';
import { DIMENSION_HELP, parseDimensions, type Dimension } from './dimensions.ts';
import { parseWindow, WINDOW_FORMAT, type TimeWindow } from '../../platform/time/window.ts';

/**
 * Query parameters of every analytics call, shared by the HTTP routes (as their zod query schemas,
 * so they land in /openapi.json) and the CLI (which validates its options with the same schemas).
 * Everything arrives as text; numbers are coerced. Checks that need the journey map (a stage that
 * exists, a failure id) happen in the resolve functions, with the same kind of field paths.
 */

const text = (description: string) => z.string().min(1).max(200).describe(description);
const list = (description: string) => z.string().min(1).max(2000).describe(description);
const count = (min: number, max: number, description: string) =>
  z.coerce.number().int().min(min).max(max).optional().describe(description);

const windowFields = {
  from: text(`start of the window, inclusive: ${WINDOW_FORMAT}`),
  to: text('end of the window: a date includes that whole day; a timestamp is exclusive'),
};
const minN = count(
  1,
  1_000_000,
  `fewest responses for a score not flagged insufficient (default ${DEFAULT_MIN_N})`,
);
const alpha = z.coerce
  .number()
  .gt(0)
  .lt(1)
  .optional()
  .describe(`two-sided significance level (default ${DEFAULT_ALPHA})`);
const metric = list(`only these metrics, comma-separated: ${SCORE_METRICS.join(', ')}`).optional();
const touchpoint = list('only these touchpoints, comma-separated ids').optional();

export const scoresQuerySchema = z.object({
  ...windowFields,
  by: list(`group by, comma-separated: ${DIMENSION_HELP}`).optional(),
  interval: z.enum(['day', 'week', 'month']).optional().describe('time buckets (UTC; weeks start on Monday)'),
  metric,
  touchpoint,
  minN,
});

export const compareQuerySchema = z.object({
  ...windowFields,
  by: list(`group by, comma-separated: ${DIMENSION_HELP}`).optional(),
  metric,
  touchpoint,
  minN,
  alpha,
  baselineFrom: text(
    'period mode: start of the baseline window (default: the window just before)',
  ).optional(),
  baselineTo: text('period mode: end of the baseline window').optional(),
  segment: text('segment mode: trait:<name>, compared between values a and b').optional(),
  a: text('segment mode: the reference value (a)').optional(),
  b: text('segment mode: the value compared with it (b)').optional(),
  failure: text(
    'failure mode: a failure id of the journey map; compares responses without it (a) and with it (b)',
  ).optional(),
  followDays: z.coerce
    .number()
    .gt(0)
    .max(365)
    .optional()
    .describe(
      'failure mode: a response counts as after the failure when it comes within this many days (default 7)',
    ),
});

export const funnelQuerySchema = z.object({
  ...windowFields,
  stages: list(
    'the funnel stages in order, comma-separated ids (default: every stage of the map)',
  ).optional(),
  by: text('breakdown: channel (of the touchpoint a person entered by) or trait:<name>').optional(),
});

export const journeyTimeQuerySchema = z.object({
  ...windowFields,
  lookbackDays: count(
    0,
    3650,
    'people active this many days before the window are mid-journey and left out (default 365)',
  ),
});

export const retentionQuerySchema = z.object({
  ...windowFields,
  churnDays: count(1, 3650, 'no activity for this many days counts as churn (default 90)'),
  activity: z.enum(['any', 'purchase']).optional().describe('what counts as active in a month (default any)'),
  lookbackDays: count(0, 3650, 'people active this many days before the window are not new (default 365)'),
});

export const painPointsQuerySchema = z.object({
  ...windowFields,
  followDays: count(
    1,
    365,
    'days after a touchpoint in which support contacts count as following it (default 14)',
  ),
  churnDays: count(1, 3650, 'no activity for this many days counts as churn (default 90)'),
  support: list(
    'support touchpoints, comma-separated (default: those whose id or name says support)',
  ).optional(),
  minN,
  alpha,
  limit: count(1, 1000, 'most pain points listed (default all)'),
});

export type ScoresQuery = z.input<typeof scoresQuerySchema>;

/** Validates raw text options against a schema, throwing the InputError every 400 reports. */
export function parseQuery<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const result = schema.safeParse(raw);
  if (!result.success) throw new InputError(zodIssues(result.error));
  return result.data;
}

export function splitList(value: string | undefined): string[] | null {
  if (value === undefined) return null;
  return value
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

/** Collects issues while a query is resolved; `done` throws them all at once. */
export class Issues {
  readonly list: FieldIssue[] = [];
  add(path: string, code: string, message: string): void {
    this.list.push({ path, code, message });
  }
  done(): void {
    if (this.list.length) throw new InputError(this.list);
  }
}

export function resolveWindow(
  issues: Issues,
  from: string,
  to: string,
  paths?: { from: string; to: string },
): TimeWindow {
  const parsed = parseWindow(from, to, paths);
  issues.list.push(...parsed.issues);
  // Placeholder on failure: `done()` throws before anything uses it.
  return parsed.window ?? { from: new Date(0), to: new Date(0) };
}

export function resolveMetrics(issues: Issues, value: string | undefined): ScoreMetric[] | null {
  const metrics = splitList(value);
  if (metrics === null) return null;
  const unknown = metrics.filter((m) => !(SCORE_METRICS as readonly string[]).includes(m));
  if (unknown.length)
    issues.add('metric', 'invalid_metric', `unknown ${unknown.join(', ')}; use ${SCORE_METRICS.join(', ')}`);
  return metrics as ScoreMetric[];
}

export function resolveTouchpoints(
  issues: Issues,
  journey: JourneyIndex,
  value: string | undefined,
  path: string,
): string[] | null {
  const ids = splitList(value);
  if (ids === null) return null;
  const unknown = ids.filter((id) => !journey.touchpoints.has(id));
  if (unknown.length) issues.add(path, 'unknown_touchpoint', `not in the journey map: ${unknown.join(', ')}`);
  return ids;
}

export function resolveDimensions(issues: Issues, value: string | undefined, path = 'by'): Dimension[] {
  const parsed = parseDimensions(value, path);
  issues.list.push(...parsed.issues);
  return parsed.dimensions;
}

export interface ScoresParams {
  window: TimeWindow;
  by: Dimension[];
  interval: TimeBucket | null;
  metrics: ScoreMetric[] | null;
  touchpoints: string[] | null;
  minN: number;
}

export function resolveScoresParams(
  query: z.output<typeof scoresQuerySchema>,
  journey: JourneyIndex,
): ScoresParams {
  const issues = new Issues();
  const params: ScoresParams = {
    window: resolveWindow(issues, query.from, query.to),
    by: resolveDimensions(issues, query.by),
    interval: query.interval ?? null,
    metrics: resolveMetrics(issues, query.metric),
    touchpoints: resolveTouchpoints(issues, journey, query.touchpoint, 'touchpoint'),
    minN: query.minN ?? DEFAULT_MIN_N,
  };
  issues.done();
  return params;
}
