import { z } from '@hono/zod-openapi';
import {
  DEFAULT_MAX_POWER,
  DEFAULT_POTENTIAL_WEIGHT,
  MAX_POWER_LIMIT,
} from '../../core/structural/micmac.ts';
import { QUADRANTS, THRESHOLD_METHODS } from '../../core/structural/quadrants.ts';
import { DEFAULT_LIMIT } from '../../core/structural/cib-search.ts';
import { badThresholdsSchema } from '../../core/experience/answers.ts';

/**
 * Request and reply shapes of /v1/analyze/*: the OpenAPI document, the routes, the services' answer
 * types and the dashboard's types all come from here. The core computes MICMAC, DEMATEL, CIB, the
 * cross-impact matrix and the driver model with its own interfaces; the routes assign each answer to
 * the type inferred here, so the compiler refuses a documented field of the wrong type, and the route
 * tests (tests/conforms.ts) refuse a reply with a field the contract does not document.
 */

const interval = z.tuple([z.number(), z.number()]);
const analysisWindow = z
  .object({ from: z.string(), to: z.string(), followUntil: z.string() })
  .openapi('AnalysisWindow', {
    description: 'ISO instants: [from, to), outcomes followed until followUntil',
  });
const failure = z.object({ code: z.string(), message: z.string() });

// ---- structural: MICMAC, DEMATEL, CIB (the same JSON as `cxloop analyze ... --format json`) ----

const cell = z.union([z.number().nonnegative(), z.literal('P')]);
const influenceFields = {
  variables: z.array(z.string().min(1)).min(1).openapi({ description: 'names, in matrix order' }),
  matrix: z.array(z.array(cell)).openapi({
    description: 'square; rows influence columns; scores >= 0 (usually 0-3) or "P" for a potential influence',
    example: [
      [0, 3, 'P'],
      [1, 0, 2],
      [0, 1, 0],
    ],
  }),
};

export const micmacRequest = z
  .object({
    ...influenceFields,
    power: z.number().int().min(2).max(MAX_POWER_LIMIT).optional().openapi({
      description:
        'use this power instead of stopping when both rankings are unchanged from one power to the next',
    }),
    maxPower: z
      .number()
      .int()
      .min(2)
      .max(MAX_POWER_LIMIT)
      .optional()
      .openapi({
        description: `most powers tried before reporting converged: false (default ${DEFAULT_MAX_POWER})`,
      }),
    threshold: z
      .union([z.enum(THRESHOLD_METHODS), z.number().nonnegative()])
      .optional()
      .openapi({
        description: 'quadrant cut: mean (default), median, midpoint, or a value in direct units',
      }),
    potentialWeight: z
      .number()
      .nonnegative()
      .optional()
      .openapi({
        description: `what "P" counts in the potential run (default ${DEFAULT_POTENTIAL_WEIGHT}); the direct run counts 0`,
      }),
  })
  .openapi('MicmacRequest');
export type MicmacRequest = z.input<typeof micmacRequest>;

export const dematelRequest = z
  .object({
    ...influenceFields,
    potentialWeight: z
      .number()
      .nonnegative()
      .optional()
      .openapi({ description: 'what "P" counts (default 0)' }),
  })
  .openapi('DematelRequest');
export type DematelRequest = z.input<typeof dematelRequest>;

export const cibRequest = z
  .object({
    descriptors: z
      .array(z.object({ id: z.string(), variants: z.array(z.string()).min(1) }))
      .min(1)
      .openapi({ description: 'variant names are unique across descriptors' }),
    matrix: z.array(z.array(z.number().int())).openapi({
      description:
        'judgements: rows the impacting variants, columns the impacted ones, descriptor by descriptor; used exactly as given',
    }),
    scale: z
      .number()
      .int()
      .min(1)
      .max(100)
      .optional()
      .openapi({ description: 'judgements lie in -scale..scale (default 3)' }),
    maxInconsistency: z.number().nonnegative().optional().openapi({
      description: 'also list scenarios whose inconsistency is at most this (default 0: the consistent ones)',
    }),
    scenario: z.array(z.string()).optional().openapi({
      description: 'one variant per descriptor: adds its impact balances ("balances") and evaluation',
    }),
    limit: z
      .number()
      .int()
      .min(1)
      .max(DEFAULT_LIMIT)
      .optional()
      .openapi({
        description: `most scenarios listed; the counts stay exact (default ${DEFAULT_LIMIT})`,
      }),
  })
  .openapi('CibRequest');
export type CibRequest = z.input<typeof cibRequest>;

const quadrant = z.enum(QUADRANTS);
const micmacThreshold = z
  .object({ method: z.enum([...THRESHOLD_METHODS, 'value']), influence: z.number(), dependence: z.number() })
  .openapi('MicmacThreshold');
const micmacScores = z
  .object({
    influence: z.array(z.number()),
    dependence: z.array(z.number()),
    influenceRank: z.array(z.number().int()).openapi({ description: '1 = most influential' }),
    dependenceRank: z.array(z.number().int()),
  })
  .openapi('MicmacScores');
const micmacIndirect = micmacScores
  .extend({
    power: z.number().int(),
    converged: z.boolean(),
    stop: z.enum(['stable-ranking', 'max-power', 'fixed-power', 'vanished']),
    maxPower: z.number().int(),
    period: z
      .number()
      .int()
      .optional()
      .openapi({ description: 'when the ranking cycles: powers between two equal rankings' }),
    quadrants: z.array(quadrant),
    threshold: micmacThreshold,
  })
  .openapi('MicmacIndirect', { description: 'scores of M^power, each vector normalised to sum 1' });
const micmacMap = z.object({
  direct: micmacScores,
  indirect: micmacIndirect,
  quadrants: z.array(quadrant).openapi({ description: 'of the direct map' }),
  threshold: micmacThreshold,
  hiddenInfluencers: z.array(
    z.object({
      variable: z.string(),
      directRank: z.number().int(),
      indirectRank: z.number().int(),
      move: z.number().int().openapi({ description: 'places gained from direct to indirect influence' }),
    }),
  ),
  notes: z.array(z.string()),
});
export const micmacReply = micmacMap
  .extend({
    variables: z.array(z.string()),
    orientation: z.literal('rows influence columns'),
    potential: micmacMap
      .extend({ weight: z.number(), cells: z.number().int() })
      .nullable()
      .openapi({ description: 'the same analysis with every "P" counted as weight; null without "P"' }),
  })
  .openapi('MicmacResult');
export type MicmacReply = z.infer<typeof micmacReply>;

const dematelGroup = z.enum(['cause', 'effect', 'neutral']);
export const dematelReply = z
  .object({
    variables: z.array(z.string()),
    orientation: z.literal('rows influence columns'),
    potentialWeight: z.number(),
    normalisation: z.object({ method: z.literal('largest row or column sum'), value: z.number() }),
    total: z.array(z.array(z.number())).openapi({ description: 'T = N (I - N)^-1' }),
    given: z.array(z.number()).openapi({ description: 'R: row sums of T' }),
    received: z.array(z.number()).openapi({ description: 'C: column sums of T' }),
    prominence: z.array(z.number()).openapi({ description: 'R + C' }),
    relation: z.array(z.number()).openapi({ description: 'R - C' }),
    groups: z.array(dematelGroup),
    diagram: z.object({
      points: z.array(
        z.object({ variable: z.string(), prominence: z.number(), relation: z.number(), group: dematelGroup }),
      ),
      threshold: z.number().openapi({ description: 'the usual cut for drawing arrows: the mean of T' }),
      arrows: z.array(z.object({ from: z.string(), to: z.string(), value: z.number() })),
    }),
  })
  .openapi('DematelResult');
export type DematelReply = z.infer<typeof dematelReply>;

const cibScenario = z
  .object({ scenario: z.array(z.string()), totalImpactScore: z.number(), inconsistency: z.number() })
  .openapi('CibScenario');
export const cibReply = z
  .object({
    descriptors: z.array(z.string()),
    scenarioCount: z.number().int(),
    maxInconsistency: z.number(),
    consistentCount: z.number().int().openapi({ description: 'scenarios with inconsistency 0' }),
    matchCount: z.number().int().openapi({ description: 'scenarios with inconsistency <= maxInconsistency' }),
    truncated: z.boolean(),
    consistent: z.array(cibScenario).openapi({ description: 'least inconsistent first, at most `limit`' }),
    balances: z
      .record(z.string(), z.number())
      .optional()
      .openapi({ description: 'with `scenario`: the impact balance of every variant, by variant name' }),
    evaluation: z
      .object({
        scenario: z.array(z.string()),
        consistent: z.boolean(),
        inconsistency: z.number(),
        totalImpactScore: z.number(),
        descriptors: z.array(
          z.object({
            id: z.string(),
            chosen: z.string(),
            balance: z.number(),
            best: z.number(),
            shortfall: z.number(),
          }),
        ),
      })
      .optional(),
    notes: z.array(z.string()),
  })
  .openapi('CibResult');
export type CibReply = z.infer<typeof cibReply>;

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
const driverQuadrant = z.enum([
  'concentrate-here',
  'keep-up-the-good-work',
  'low-priority',
  'possible-overkill',
]);
const driverResult = z
  .object({
    name: z.string(),
    rank: z.number().int().openapi({ description: '1 = largest LMG' }),
    lmg: z.number().openapi({ description: 'Shapley value of R²; the drivers’ values sum to r2' }),
    lmgShare: z.number(),
    relativeWeight: z.number().openapi({ description: 'Johnson’s relative weight, units of R²' }),
    relativeWeightShare: z.number(),
    generalDominance: z.number(),
    conditionalDominance: z.array(z.number()),
    beta: z.number(),
    betaSe: z.number(),
    t: z.number().nullable(),
    p: z.number(),
    b: z.number().openapi({ description: 'outcome units per driver point' }),
    bSe: z.number(),
    r: z.number(),
    rP: z.number(),
    vif: z.number(),
    mean: z.number().openapi({ description: 'performance: the driver’s mean score' }),
    sd: z.number(),
    min: z.number(),
    max: z.number(),
    quadrant: driverQuadrant,
  })
  .openapi('Driver');
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
      reason: z.enum(['constant', 'collinear', 'no-data']),
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
    performance: z.literal('mean'),
    thresholds: z.object({ importance: resolvedThreshold, performance: resolvedThreshold }),
    counts: quadrantCounts,
  }),
  method: z.object({
    missing: z.literal('listwise'),
    lmg: z.literal('exact'),
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
const pairEffect = z.object({ from: z.string(), to: z.string(), ...effectFields }).openapi('PairEffect');
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
        micmac: z.union([micmacReply, z.object({ error: z.string() })]).optional(),
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
    lift: z.number().min(-1000).max(1000).optional(),
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
    unit: z.string(),
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
    method: z.string().optional(),
    error: failure.optional(),
    assumptions: z.array(z.string()),
    notes: z.array(z.string()),
  })
  .openapi('WhatIfAnswer', { description: 'direct, indirect and total effect in outcome units' });
export type WhatIfAnswer = z.infer<typeof whatIfReply>;
