/**
 * What counts as a bad experience, and which outcomes an analysis looks at. Shared by the
 * cross-impact matrix, the stored-data driver analysis and the what-if, so that "bad" and "churn"
 * mean the same thing in every answer.
 */
import { z } from 'zod';
import type { FieldIssue } from '../issues.ts';
import { METRICS, type Metric } from '../ingest/schemas.ts';

/**
 * A response is bad when its score is at most the metric's threshold: NPS 0-6 (detractors), CSAT 1-2,
 * CES 1-3 (on 1-7, 7 = very easy). A `rating` carries its own scale, so its threshold is a share of
 * the scale: bad when score <= min + share * (max - min), 1-2 on a 1-5 scale with the default 0.4.
 */
export const badThresholdsSchema = z.strictObject({
  nps: z.number().min(0).max(10).default(6),
  csat: z.number().default(2),
  ces: z.number().default(3),
  rating: z.number().min(0).max(1).default(0.4),
});
export type BadThresholds = z.infer<typeof badThresholdsSchema>;
export const DEFAULT_BAD: BadThresholds = badThresholdsSchema.parse({});

/** Whether one score is a bad experience; the SQL in understand/signals-sql.ts says the same. */
export function isBadScore(
  t: BadThresholds,
  metric: Metric,
  score: number,
  scale: { min: number; max: number },
): boolean {
  if (metric === 'rating') return score <= scale.min + t.rating * (scale.max - scale.min);
  return score <= t[metric];
}

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

/** An outcome: a feedback score (optionally at one touchpoint), a repeat purchase or a churn. */
export type OutcomeSpec =
  | {
      kind: 'feedback';
      id: string;
      metric: Metric;
      touchpoint: string | null;
      /** As a 0/1 outcome: positive when score >= this; null means the top of the response's scale. */
      positiveAtLeast: number | null;
    }
  | { kind: 'repeat-purchase'; id: 'repeat-purchase' }
  | { kind: 'churn'; id: 'churn' };

/** Where a score counts as a positive outcome: promoters, CSAT 4-5, CES 5-7 (easy). */
export const POSITIVE_AT_LEAST: Record<Exclude<Metric, 'rating'>, number> = { nps: 9, csat: 4, ces: 5 };

const SPEC = /^(nps|csat|ces|rating)(?:@([a-z0-9][a-z0-9_-]*))?(?:>=(-?\d+(?:\.\d+)?))?$/;

/**
 * Reads `nps`, `csat@delivery`, `rating@trip-survey>=1`, `repeat-purchase` or `churn`. A feedback
 * outcome is the customer's score (mean in the driver analysis, latest in the matrix); `>=VALUE`
 * sets where it counts as positive when a 0/1 outcome is needed.
 */
export function parseOutcomeSpec(text: string, path = 'outcome'): OutcomeSpec | FieldIssue {
  const spec = text.trim();
  if (spec === 'repeat-purchase') return { kind: spec, id: spec };
  if (spec === 'churn') return { kind: spec, id: spec };
  const m = SPEC.exec(spec);
  if (!m) {
    return {
      path,
      code: 'invalid_outcome',
      message: `"${text}" is not an outcome; use ${METRICS.join(', ')} (optionally @TOUCHPOINT and >=VALUE, e.g. csat@delivery or rating@trip-survey>=1), repeat-purchase or churn`,
    };
  }
  const metric = m[1] as Metric;
  const threshold = m[3] === undefined ? null : Number(m[3]);
  return {
    kind: 'feedback',
    id: spec,
    metric,
    touchpoint: m[2] ?? null,
    positiveAtLeast: threshold ?? (metric === 'rating' ? null : POSITIVE_AT_LEAST[metric]),
  };
}

export function describeOutcome(spec: OutcomeSpec): string {
  if (spec.kind === 'repeat-purchase') {
    return 'a purchase after the experience, among customers who had bought before or at it';
  }
  if (spec.kind === 'churn') return 'a churn event after the experience';
  const where = spec.touchpoint ? ` at ${spec.touchpoint}` : '';
  const positive = spec.positiveAtLeast === null ? 'the top of its scale' : `${spec.positiveAtLeast} or more`;
  return `the latest ${spec.metric.toUpperCase()} response${where} given at or after the experience (not at the same touchpoint) is ${positive}`;
}
