import { z } from '@hono/zod-openapi';

/**
 * Reply shapes of /v1/analytics/*, for the OpenAPI document. The reports are built in
 * src/capabilities/measure/ and printed unchanged by `cxloop report ... --format json`; a test parses real
 * replies with these schemas so that the document cannot drift from what is sent.
 */

const interval = z.tuple([z.number(), z.number()]);
const window = z
  .object({
    from: z.string().openapi({ description: 'ISO instant, inclusive' }),
    to: z.string().openapi({ description: 'ISO instant, exclusive' }),
  })
  .openapi('AnalyticsWindow');
const flags = z.array(z.string()).openapi({
  description:
    'why a score is less than a number with an interval: no-responses, single-response, degenerate-interval, degenerate-variance, mixed-scales',
});

const score = z
  .object({
    value: z.number().nullable().openapi({ description: 'null exactly when n = 0' }),
    n: z.number().int(),
    ci95: interval.nullable().openapi({ description: '95 % confidence interval' }),
    insufficient: z.boolean().openapi({ description: 'n below minN: shown, but flagged' }),
    flags,
  })
  .openapi('Score');
const npsScore = score
  .extend({
    promotersPct: z.number().nullable(),
    passivesPct: z.number().nullable(),
    detractorsPct: z.number().nullable(),
  })
  .openapi('NpsScore', { description: 'NPS (-100..100) with a Wald interval' });
const csatScore = score
  .extend({ satisfied: z.number().int() })
  .openapi('CsatScore', { description: 'percent in the top two boxes, Wilson interval' });
const meanScore = score
  .extend({ sd: z.number().nullable() })
  .openapi('MeanScore', { description: 'a mean with a Student t interval' });
export type Score = z.infer<typeof score>;
export type NpsScore = z.infer<typeof npsScore>;
export type CsatScore = z.infer<typeof csatScore>;
export type MeanScore = z.infer<typeof meanScore>;
const cesScore = meanScore
  .extend({ easy: score.openapi({ description: 'percent "easy" (above the midpoint), Wilson interval' }) })
  .openapi('CesScore');
export type CesScore = z.infer<typeof cesScore>;

const metricFields = {
  nps: npsScore.optional(),
  csat: csatScore.optional(),
  ces: cesScore.optional(),
  rating: meanScore.optional(),
};
const groupKey = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const scoresReportSchema = z
  .object({
    window,
    by: z.array(z.string()).openapi({ description: 'the grouping keys each row carries, as asked' }),
    interval: z.enum(['day', 'week', 'month']).nullable(),
    metrics: z.array(z.string()).nullable(),
    minN: z.number().int(),
    rows: z.array(
      z
        .object({
          period: z.string().optional().openapi({ description: "bucket's first day, YYYY-MM-DD" }),
          ...metricFields,
        })
        .catchall(groupKey)
        .openapi('ScoreRow', {
          description:
            'grouping keys (touchpoint, stage, trait:<name> ...) and period, then one score per metric present',
        }),
    ),
    notes: z.array(z.string()),
  })
  .openapi('ScoresReport');

export const comparisonSchema = z
  .object({
    difference: z.number().nullable().openapi({ description: 'b - a (points for NPS and CSAT)' }),
    ci95: interval.nullable(),
    p: z.number().nullable().openapi({ description: 'two-sided p-value; null when no test exists' }),
    significant: z.boolean(),
    test: z.enum(['z', 'welch-t']),
    statistic: z.number().nullable(),
    df: z.number().nullable().optional(),
    insufficient: z.boolean(),
    flags,
  })
  .openapi('Comparison');
export type Comparison = z.infer<typeof comparisonSchema>;
const change = (scoreSchema: z.ZodTypeAny) =>
  z.object({
    a: scoreSchema,
    b: scoreSchema,
    change: comparisonSchema.extend({
      pAdjusted: z.number().nullable().openapi({
        description:
          'Holm-adjusted across every test of the report; `significant` is the single test at alpha',
      }),
    }),
  });

export const compareReportSchema = z
  .object({
    window,
    mode: z.enum(['period', 'segment', 'failure']),
    a: z.object({ label: z.string(), window }),
    b: z.object({ label: z.string(), window }),
    by: z.array(z.string()),
    metrics: z.array(z.string()).nullable(),
    minN: z.number().int(),
    alpha: z.number(),
    rows: z.array(
      z
        .object({
          nps: change(npsScore).optional(),
          csat: change(csatScore).optional(),
          ces: change(cesScore).optional(),
          rating: change(meanScore).optional(),
        })
        .catchall(groupKey)
        .openapi('CompareRow', {
          description: 'grouping keys, then per metric {a, b, change} with change = b - a',
        }),
    ),
    notes: z.array(z.string()),
  })
  .openapi('CompareReport');

const quartiles = z
  .object({
    n: z.number().int(),
    p25: z.number().nullable(),
    median: z.number().nullable(),
    p75: z.number().nullable(),
  })
  .openapi('Quartiles', { description: 'milliseconds' });
const funnelStage = z
  .object({
    stage: z.string(),
    customers: z.number().int().openapi({ description: 'people who reached the stage in order' }),
    conversionRate: z.number().nullable(),
    conversionCi95: interval.nullable(),
    dropOff: z.number().int(),
    dropOffRate: z.number().nullable(),
    overallRate: z.number().nullable(),
    timeFromPrevious: quartiles.nullable(),
  })
  .openapi('FunnelStage');

export const funnelReportSchema = z
  .object({
    window,
    by: z.string().nullable(),
    stages: z.array(funnelStage),
    breakdown: z
      .array(z.object({ stages: z.array(funnelStage) }).catchall(groupKey))
      .nullable()
      .openapi({
        description: 'one funnel per group, keyed by `by`, e.g. {"channel": "ads", "stages": [...]}',
      }),
  })
  .openapi('FunnelReport');

export const journeyTimeReportSchema = z
  .object({
    window,
    lookbackDays: z.number().int(),
    outcomes: z.object({ purchase: z.array(z.string()), churn: z.array(z.string()) }),
    journeys: z.number().int(),
    startedBefore: z.number().int(),
    buying: quartiles.openapi({ description: 'first touch -> first purchase, ms' }),
    owning: quartiles
      .extend({ endedByChurn: z.number().int() })
      .openapi({ description: 'first purchase -> churn or last interaction, ms' }),
    notes: z.array(z.string()),
  })
  .openapi('JourneyTimeReport');

const rate = { rate: z.number().nullable(), ci95: interval.nullable() };
export const retentionReportSchema = z
  .object({
    window,
    activity: z.enum(['any', 'purchase']),
    churnDays: z.number().int(),
    lookbackDays: z.number().int(),
    cohorts: z.array(
      z.object({
        cohort: z.string().openapi({ description: 'YYYY-MM' }),
        customers: z.number().int(),
        months: z.array(
          z.object({
            offset: z.number().int(),
            active: z.number().int(),
            rate: z.number(),
            partial: z
              .boolean()
              .openapi({ description: 'the month is observed only in part (current month)' }),
          }),
        ),
      }),
    ),
    repeatPurchase: z.object({ customers: z.number().int(), repeaters: z.number().int(), ...rate }),
    churn: z.object({
      customers: z.number().int(),
      churned: z.number().int(),
      byEvent: z.number().int(),
      byInactivity: z.number().int(),
      ...rate,
    }),
    notes: z.array(z.string()),
  })
  .openapi('RetentionReport');

const groupOutcome = z.object({ n: z.number().int(), count: z.number().int(), rate: z.number().nullable() });
export const painPointsReportSchema = z
  .object({
    window,
    formula: z.string(),
    followDays: z.number(),
    churnDays: z.number(),
    alpha: z.number(),
    minN: z.number().int(),
    supportTouchpoints: z.array(z.string()),
    people: z.number().int(),
    populations: z
      .object({ people: z.string(), customers: z.string(), affected: z.string() })
      .openapi({ description: 'what `people`, each `customers` and each `affected` count, in words' }),
    painPoints: z.array(
      z
        .object({
          rank: z.number().int(),
          touchpoint: z.string(),
          name: z.string(),
          stage: z.string(),
          channel: z.string(),
          painScore: z.number(),
          significant: z.boolean(),
          customers: z.number().int(),
          affected: z.number().int(),
          comparedWith: z.enum(['good', 'unassessed']),
          groups: z
            .object({ affected: z.string(), unaffected: z.string() })
            .openapi({ description: "the evidence's two groups, in words" }),
          reach: z.number(),
          severity: z.number(),
          components: z.object({
            lowScore: z.number().nullable(),
            lowShare: z.number().nullable(),
            dropOff: z.number(),
            support: z.number(),
            outcomes: z.number(),
          }),
          feedback: z.object({
            responses: z.number().int(),
            low: z.number().int(),
            lowShare: z.number().nullable(),
            meanShareOfScale: z.number().nullable(),
          }),
          failures: z.array(
            z.object({
              id: z.string(),
              label: z.string().nullable(),
              customers: z.number().int(),
              events: z.number().int(),
            }),
          ),
          evidence: z.array(
            z.object({
              outcome: z.enum(['dropOff', 'support', 'purchase', 'churn']),
              description: z.string(),
              affected: groupOutcome,
              unaffected: groupOutcome,
              change: comparisonSchema.extend({ pAdjusted: z.number().nullable() }),
            }),
          ),
          summary: z.array(z.string()),
        })
        .openapi('PainPoint'),
    ),
    unranked: z
      .array(
        z.object({
          touchpoint: z.string(),
          name: z.string(),
          stage: z.string(),
          customers: z.number().int(),
          affected: z.number().int(),
          reason: z.string(),
        }),
      )
      .openapi({
        description: 'touchpoints met in the period whose pain score is 0: no evidence of pain, no rank',
      }),
    notes: z.array(z.string()),
  })
  .openapi('PainPointsReport');

const scale = z.object({ min: z.number(), max: z.number() });
export const touchpointFeedbackReply = z
  .object({
    touchpoint: z.string(),
    window,
    distribution: z.array(
      z.object({
        metric: z.string(),
        scale,
        n: z.number().int(),
        counts: z.array(z.object({ score: z.number(), n: z.number().int() })),
        experience: z
          .object({ bad: z.array(z.number()), neutral: z.array(z.number()), good: z.array(z.number()) })
          .openapi({ description: 'the answers given, by their experience as core/experience defines it' }),
      }),
    ),
    affected: z.object({
      customers: z.number().int().openapi({ description: 'customers with a bad experience here' }),
      population: z.string().openapi({ description: 'what `customers` counts, in words' }),
      byAnswer: z.number().int().openapi({ description: 'of them, customers with a bad answer here' }),
      byFailure: z
        .array(z.object({ id: z.string(), label: z.string().nullable(), customers: z.number().int() }))
        .openapi({ description: 'of them, customers per failure the journey map declares here' }),
      rule: z.string(),
      list: z.array(
        z.object({
          id: z.string(),
          lowResponses: z.number().int(),
          failureEvents: z.number().int(),
          lastAt: z.number().openapi({ description: 'epoch ms' }),
        }),
      ),
    }),
    responses: z
      .array(
        z.object({
          id: z.string(),
          customerId: z.string(),
          metric: z.string(),
          score: z.number(),
          scale,
          comment: z.string().nullable(),
          timestamp: z.number().openapi({ description: 'epoch ms' }),
        }),
      )
      .openapi({ description: 'newest first' }),
    next: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'offset of the next page of responses, or null' }),
  })
  .openapi('TouchpointFeedback');
export type TouchpointFeedback = z.infer<typeof touchpointFeedbackReply>;

export type ScoresReport = z.infer<typeof scoresReportSchema>;
export type CompareReport = z.infer<typeof compareReportSchema>;
export type FunnelReport = z.infer<typeof funnelReportSchema>;
export type JourneyTimeReport = z.infer<typeof journeyTimeReportSchema>;
export type RetentionReport = z.infer<typeof retentionReportSchema>;
export type PainPointsReport = z.infer<typeof painPointsReportSchema>;
