import { z } from '@hono/zod-openapi';
import {
  DEFAULT_MAX_POWER,
  DEFAULT_POTENTIAL_WEIGHT,
  MAX_POWER_LIMIT,
} from '../../../core/structural/micmac.ts';
import { QUADRANTS, THRESHOLD_METHODS } from '../../../core/structural/quadrants.ts';
import { DEFAULT_LIMIT } from '../../../core/structural/cib-search.ts';

/**
 * Request and reply shapes of POST /v1/analyze/micmac, /dematel and /cib: the same JSON as
 * `cxloop analyze ... --format json`. The OpenAPI document and the dashboard's types come from here;
 * the core computes each analysis with its own interfaces, and tests/contracts.test.ts refuses a
 * reply with a field this contract does not document.
 */

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
