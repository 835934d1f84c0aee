import { z } from '@hono/zod-openapi';
import { badThresholdsSchema } from '../../core/experience/answers.ts';
import { micmacReply } from './structural/contract.ts';

/**
 * Request and reply shapes of /v1/analyze/drivers, /cross-impact and /what-if (the structural
 * analyses have theirs in structural/contract.ts): the OpenAPI document, the routes, the services'
 * answer types and the dashboard's types all come from here. The core computes the cross-impact
 * matrix and the driver model with its own interfaces; the routes assign each answer to
 * the type inferred here, so the compiler refuses a documented field of the wrong type, and the route
 * tests (tests/contracts.test.ts) refuse a reply with a field the contract does not document.
 */

const interval = z.tuple([z.number(), z.number()]);
const analysisWindow = z
  .object({ from: z.string(), to: z.string(), followUntil: z.string() })
  .openapi('AnalysisWindow', {
    description: 'ISO instants: [from, to), outcomes followed until followUntil',
  });
const failure = z.object({ code: z.string(), message: z.string() });

// ---- key drivers over stored data ----

const thresholdRule = z.union([z.enum(['mean', 'median']), z.number()]);

export const storedDriversRequestSchema = z
  .strictObject({
    from: z.string(),
    to: z.string(),
    followUntil: z.string().optional(),
    outcome: z.string().min(1).max(100),
    drivers: z.array(z.string().min(1).max(64)).min(1).max(24).optional(),
    minCoverage: z.number().min(0).max(1).optional(),
    threshold: thresholdRule.optional(),
    importanceThreshold: thresholdRule.optional(),
    importance: z.enum(['lmg', 'relativeWeight']).optional(),
    minN: z.int().min(1).max(1_000_000_000).optional(),
    maxDrivers: z.int().min(1).max(24).optional(),
  })
  .openapi('StoredDriversRequest');
export type StoredDriversRequest = z.input<typeof storedDriversRequestSchema>;

const resolvedThreshold = z.object({ rule: z.enum(['mean', 'median', 'value']), value: z.number() });
const driverQuadrant = z
  .enum([
    'concentrate-here',
    'keep-up-the-good-work',
    'low-priority',
    'possible-overkill',
    'not-enough-evidence',
    'works-against-outcome',
    'not-placed',
  ])
  .openapi({
    description:
      'a quadrant only when the model and the driver are significant and a better score goes with a better outcome; otherwise why not',
  });
const driverCommon = {
  name: z.string(),
  rank: z.number().int().openapi({ description: '1 = largest LMG' }),
  lmg: z.number().openapi({ description: 'Shapley value of R²; the drivers’ values sum to r2' }),
  lmgShare: z
    .number()
    .openapi({ description: 'share of the explained variance (of R², not of the outcome)' }),
  relativeWeight: z.number().openapi({ description: 'Johnson’s relative weight, units of R²' }),
  relativeWeightShare: z.number(),
  generalDominance: z.number(),
  conditionalDominance: z.array(z.number()),
  test: z.object({
    kind: z.enum(['t', 'F']),
    statistic: z.number().nullable(),
    df1: z.number().int(),
    df2: z.number().int(),
  }),
  p: z.number(),
  pAdjusted: z.number().openapi({ description: 'p Holm-adjusted across the drivers' }),
  significant: z.boolean(),
  r: z.number(),
  rP: z.number(),
  vif: z.number(),
  performance: z
    .number()
    .nullable()
    .openapi({ description: 'the mean’s place on the scale, 0 = bottom, 1 = top; null when categorical' }),
  quadrant: driverQuadrant,
  evidence: z.string().openapi({ description: 'why the driver has this quadrant' }),
};
const numericDriver = z
  .object({
    kind: z.literal('numeric'),
    ...driverCommon,
    beta: z.number(),
    betaSe: z.number(),
    t: z.number().nullable(),
    b: z.number().openapi({ description: 'outcome units per driver point' }),
    bSe: z.number(),
    mean: z.number().openapi({ description: 'the driver’s mean score' }),
    sd: z.number(),
    min: z.number(),
    max: z.number(),
    scale: z.object({ min: z.number(), max: z.number(), source: z.enum(['declared', 'observed']) }),
  })
  .openapi('Driver');
const categoricalDriver = z
  .object({
    kind: z.literal('categorical'),
    ...driverCommon,
    reference: z.object({ level: z.string(), n: z.number().int() }),
    levels: z.array(
      z.object({
        level: z.string(),
        n: z.number().int(),
        b: z.number().openapi({ description: 'difference from the reference level, outcome units' }),
        bSe: z.number(),
        ci95: interval,
        p: z.number(),
      }),
    ),
  })
  .openapi('CategoricalDriver');
const driverResult = z.discriminatedUnion('kind', [numericDriver, categoricalDriver]);
const analysisCommon = {
  outcome: z.string(),
  rowsRead: z.number().int(),
  n: z.number().int().openapi({ description: 'complete rows analysed (listwise deletion)' }),
  columns: z.array(
    z.object({
      name: z.string(),
      role: z.enum(['outcome', 'driver']),
      missing: z.number().int(),
      notApplicable: z.number().int(),
    }),
  ),
  excluded: z.array(
    z.object({
      name: z.string(),
      reason: z.enum(['constant', 'collinear', 'no-data', 'too-many-levels']),
      message: z.string(),
      value: z.number().optional(),
      collinearWith: z.array(z.string()).optional(),
    }),
  ),
};
const storedFields = {
  workspace: z.string(),
  window: analysisWindow,
  outcomeDefinition: z.string(),
  customersWithOutcome: z.number().int(),
  selection: z.object({
    rule: z.string(),
    minCoverage: z.number(),
    candidates: z.array(
      z.object({
        touchpoint: z.string(),
        name: z.string(),
        metric: z.string(),
        scale: z.object({ min: z.number(), max: z.number() }),
        customers: z.number().int(),
        coverage: z.number(),
        chosen: z.boolean(),
        reason: z.string().optional(),
      }),
    ),
  }),
  rescaled: z.boolean().openapi({ description: 'scores rescaled to 0-100 because the scales differ' }),
};
const quadrantCounts = z.object({
  'concentrate-here': z.number().int(),
  'keep-up-the-good-work': z.number().int(),
  'low-priority': z.number().int(),
  'possible-overkill': z.number().int(),
  'not-enough-evidence': z.number().int(),
  'works-against-outcome': z.number().int(),
  'not-placed': z.number().int(),
});
const driversOk = z.object({
  ok: z.literal(true),
  ...analysisCommon,
  ...storedFields,
  outcomeKind: z.enum(['numeric', 'binary']),
  model: z.enum(['linear-regression', 'linear-probability']),
  outcomeMean: z.number(),
  outcomeSd: z.number(),
  r2: z.number(),
  adjustedR2: z.number(),
  fTest: z.object({ f: z.number().nullable(), df1: z.number().int(), df2: z.number().int(), p: z.number() }),
  intercept: z.number(),
  residualSd: z.number(),
  drivers: z.array(driverResult).openapi({ description: 'largest LMG first' }),
  quadrants: z.object({
    importance: z.enum(['lmgShare', 'relativeWeightShare']),
    performance: z.literal('share-of-scale'),
    thresholds: z.object({ importance: resolvedThreshold, performance: resolvedThreshold }),
    counts: quadrantCounts,
  }),
  evidence: z.object({
    alpha: z.number(),
    better: z.enum(['higher', 'lower']),
    modelSignificant: z.boolean(),
    rule: z.string(),
  }),
  method: z.object({
    missing: z.literal('listwise'),
    lmg: z.literal('exact'),
    players: z.enum(['drivers', 'groups']),
    subsets: z.number().int(),
    relativeWeights: z.literal('johnson-2000'),
    minN: z.number().int(),
    collinearityTolerance: z.number(),
  }),
  notes: z.array(z.string()),
  warnings: z.array(z.string()),
});
const driversError = z.object({
  ok: z.literal(false),
  ...analysisCommon,
  ...storedFields,
  error: z.object({
    code: z.enum([
      'invalid_input',
      'no_complete_rows',
      'constant_outcome',
      'no_usable_drivers',
      'too_few_rows',
      'below_min_n',
      'too_many_drivers',
      'numerical_failure',
    ]),
    message: z.string(),
  }),
});
export const storedDriversReply = z
  .discriminatedUnion('ok', [driversOk, driversError])
  .openapi('StoredDriverAnalysis', {
    description: 'ok: false with error.code and message when the data cannot carry a model',
  });
export type StoredDriverAnswer = z.infer<typeof storedDriversReply>;

// ---- the touchpoint cross-impact matrix ----

export const crossImpactRequestSchema = z
  .strictObject({
    from: z.string(),
    to: z.string(),
    followUntil: z.string().optional(),
    episodeDays: z.number().min(0).max(365).optional(),
    bad: badThresholdsSchema.partial().optional(),
    outcomes: z.array(z.string()).max(10).optional(),
    touchpoints: z.array(z.string()).min(1).optional(),
    minGroup: z.int().min(1).max(1_000_000).optional(),
    top: z.int().min(1).max(1000).optional(),
    influence: z
      .strictObject({
        measure: z.enum(['risk-difference', 'lift']).optional(),
        includeNonSignificant: z.boolean().optional(),
        scale: z.enum(['raw', '0-3']).optional(),
        micmac: z.boolean().optional(),
      })
      .optional(),
  })
  .openapi('CrossImpactRequest');
export type CrossImpactRequest = z.input<typeof crossImpactRequestSchema>;

const effectGroup = z.object({
  n: z.number().int(),
  events: z.number().int().openapi({ description: 'customers with the outcome' }),
  rate: z.number().nullable(),
});
const effectFields = {
  status: z.enum(['ok', 'insufficient']),
  reason: z.string().optional().openapi({ description: 'why there is no estimate' }),
  n: z.number().int(),
  exposed: effectGroup.openapi({ description: 'customers with a bad experience at the touchpoint' }),
  unexposed: effectGroup.openapi({ description: 'customers with a good experience there' }),
  riskDifference: z.object({ estimate: z.number(), ci95: interval }).nullable(),
  lift: z.object({ estimate: z.number(), ci95: interval, corrected: z.boolean() }).nullable(),
  p: z.number().nullable(),
  q: z.number().nullable().openapi({ description: 'Benjamini-Hochberg adjusted p' }),
  significant: z.boolean(),
};
const adjustedPair = z
  .object({
    riskDifference: z.object({ estimate: z.number(), ci95: interval }).nullable(),
    p: z.number().nullable(),
    informativeStrata: z.number().int().openapi({
      description: 'groups of customers (by the declared failures they met) with customers on both sides',
    }),
    verdict: z.enum(['explained-by-failure', 'holds', 'unclear', 'not-separable', 'not-tested']),
    reason: z.string(),
  })
  .openapi('AdjustedPair', {
    description:
      'the pair within groups of customers who met the same declared failures, pooled by Mantel-Haenszel (risk difference, Sato variance)',
  });
const pairEffect = z
  .object({ from: z.string(), to: z.string(), ...effectFields, adjusted: adjustedPair.optional() })
  .openapi('PairEffect');
const outcomeEffect = z.object({ touchpoint: z.string(), ...effectFields }).openapi('OutcomeEffect');
const outcomeInfo = z.object({ id: z.string(), label: z.string(), definition: z.string() });
export const crossImpactReply = z
  .object({
    workspace: z.string(),
    window: analysisWindow,
    definitions: z.object({
      experience: z.string(),
      bad: badThresholdsSchema,
      failures: z.array(
        z.object({
          id: z.string(),
          touchpoint: z.string(),
          event: z.string(),
          where: z
            .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
            .openapi({ description: 'event properties the failure event must have' }),
        }),
      ),
      outcomes: z.array(outcomeInfo),
    }),
    customers: z.number().int(),
    touchpoints: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        stage: z.string(),
        customers: z.number().int(),
        bad: z.number().int(),
        badShare: z.number().nullable(),
      }),
    ),
    withoutSignals: z.array(z.string()),
    pairs: z.array(pairEffect),
    riskDifference: z
      .array(z.array(z.number().nullable()))
      .openapi({ description: 'rows influence columns' }),
    lift: z.array(z.array(z.number().nullable())),
    outcomes: z.array(outcomeInfo.extend({ measured: z.number().int(), effects: z.array(outcomeEffect) })),
    strongest: z.object({
      pairs: z.array(pairEffect),
      outcomes: z.record(z.string(), z.array(outcomeEffect)).openapi({ description: 'by outcome id' }),
    }),
    notes: z.array(z.string()),
    warnings: z.array(z.string()),
    influence: z
      .object({
        input: z.object({ variables: z.array(z.string()), matrix: z.array(z.array(z.number())) }),
        unmeasured: z.array(z.object({ from: z.string(), to: z.string() })),
        rule: z.string(),
        sparsity: z.object({
          variables: z.number().int(),
          linked: z.number().int().openapi({ description: 'touchpoints with a nonzero influence in or out' }),
          links: z.number().int().openapi({ description: 'nonzero cells' }),
          tooSparse: z.boolean(),
          rule: z.string(),
        }),
        micmac: z
          .union([micmacReply, z.object({ error: z.string() }), z.object({ tooSparse: z.string() })])
          .optional(),
      })
      .optional(),
    outcomeTouchpoints: z.array(z.string()),
    stats: z.object({ profiles: z.number().int(), queryMs: z.number(), countMs: z.number() }),
  })
  .openapi('CrossImpactMatrix', {
    description: 'pairs with too little data have status insufficient and no estimate',
  });
export type CrossImpactAnswer = z.infer<typeof crossImpactReply>;

// ---- what-if ----

export const whatIfRequestSchema = z
  .strictObject({
    from: z.string(),
    to: z.string(),
    followUntil: z.string().optional(),
    touchpoint: z.string().min(1).max(64),
    outcome: z.string().min(1).max(100).default('nps'),
    lift: z.number().min(-1000).max(1000).optional().openapi({
      description:
        "in the touchpoint's measure: NPS points (-100..100) for NPS, top-2-box percentage points for CSAT, points on the scale for CES and ratings",
    }),
    halveBad: z.boolean().optional(),
    reduceBad: z.number().gt(0).max(1).optional(),
    drivers: z.array(z.string().min(1).max(64)).min(1).max(24).optional(),
    minCoverage: z.number().min(0).max(1).optional(),
    episodeDays: z.number().min(0).max(365).optional(),
    bad: badThresholdsSchema.partial().optional(),
    minGroup: z.int().min(1).max(1_000_000).optional(),
    draws: z.int().min(100).max(100_000).optional(),
    seed: z.int().optional(),
  })
  .superRefine((r, ctx) => {
    const given = [r.lift !== undefined, r.halveBad === true, r.reduceBad !== undefined].filter(Boolean);
    if (given.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['lift'],
        message:
          'give exactly one of lift (points), halveBad (true) or reduceBad (a fraction of bad experiences)',
      });
    }
  })
  .openapi('WhatIfRequest');
export type WhatIfRequest = z.input<typeof whatIfRequestSchema>;

const estimate = z.object({ estimate: z.number(), ci95: interval });
export const whatIfReply = z
  .object({
    ok: z.boolean(),
    workspace: z.string(),
    window: analysisWindow,
    touchpoint: z.string(),
    outcome: z.string(),
    outcomeDefinition: z.string(),
    unit: z.string().openapi({ description: 'the unit of baseline, expected, direct, indirect and total' }),
    liftUnit: z
      .string()
      .optional()
      .openapi({ description: 'the unit of lift: NPS points, top-2-box percentage points, or scale points' }),
    lift: z.number().optional(),
    change: z
      .object({
        kind: z.enum(['lift', 'reduce-bad']),
        deltaScore: z
          .number()
          .openapi({ description: "mean change of the touchpoint's score, in its points" }),
        badShareBefore: z.number(),
        badShareAfter: z.number(),
        deltaBad: z.number(),
      })
      .optional(),
    baseline: z.number().optional(),
    expected: estimate.optional(),
    direct: estimate.optional(),
    indirect: estimate.optional(),
    total: estimate.optional(),
    paths: z
      .array(
        z.object({
          touchpoint: z.string(),
          riskDifference: z.number().nullable(),
          scoreGap: z.number().nullable(),
          b: z.number(),
          deltaBad: z.number(),
          deltaScore: z.number(),
          contribution: z.number(),
        }),
      )
      .optional()
      .openapi({ description: 'the indirect effect, touchpoint by touchpoint' }),
    unmeasured: z.array(z.string()).optional(),
    model: z
      .object({
        n: z.number().int(),
        r2: z.number(),
        drivers: z.array(z.object({ name: z.string(), b: z.number(), bSe: z.number() })),
      })
      .optional(),
    modelScale: z
      .object({ unit: z.string(), baseline: z.number(), total: estimate })
      .optional()
      .openapi({ description: 'the total in the driver model’s own units (mean answer points)' }),
    method: z.string().optional(),
    error: failure.optional(),
    assumptions: z.array(z.string()),
    notes: z.array(z.string()),
  })
  .openapi('WhatIfAnswer', { description: 'direct, indirect and total effect in outcome units' });
export type WhatIfAnswer = z.infer<typeof whatIfReply>;
