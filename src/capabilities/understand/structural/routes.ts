import { z, type OpenAPIHono } from '@hono/zod-openapi';
import {
  DEFAULT_MAX_POWER,
  DEFAULT_POTENTIAL_WEIGHT,
  MAX_POWER_LIMIT,
} from '../../../core/structural/micmac.ts';
import { THRESHOLD_METHODS } from '../../../core/structural/quadrants.ts';
import { DEFAULT_LIMIT } from '../../../core/structural/cib-search.ts';
import { cibTask, dematelTask, micmacTask } from './tasks.ts';
import { requireKey } from '../../workspaces/auth.ts';
import type { Task } from '../../../platform/workers/task.ts';
import { bytesBody } from '../../../platform/http/body.ts';
import type { AppEnv } from '../../http-env.ts';
import { errorResponses, heavyWorkResponses, security } from '../../../platform/http/schemas.ts';

/**
 * POST /v1/analyze/micmac, /dematel, /cib: the structural analyses over HTTP, with the same input
 * and output as `cxloop analyze ... --format json`; options travel in the body next to the matrix.
 * The body is checked by the analyses themselves (not the router), so a bad cell is reported once,
 * at `matrix.<row>.<column>`, with the same message the CLI prints. Parsing, analysis and the JSON
 * answer all happen in the worker pool (services.heavy): a 1000 x 1000 DEMATEL or a CIB search at
 * its budget holds a worker for seconds, never the thread that answers every other workspace.
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

const micmacRequest = z
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

const dematelRequest = z
  .object({
    ...influenceFields,
    potentialWeight: z
      .number()
      .nonnegative()
      .optional()
      .openapi({ description: 'what "P" counts (default 0)' }),
  })
  .openapi('DematelRequest');

const cibRequest = z
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

const scoresSchema = z
  .object({ influence: z.array(z.number()), dependence: z.array(z.number()) })
  .passthrough();
const quadrant = z.enum(['influential', 'relay', 'dependent', 'autonomous']);
const micmacReply = z
  .object({
    variables: z.array(z.string()),
    orientation: z.literal('rows influence columns'),
    direct: scoresSchema,
    indirect: scoresSchema.extend({ power: z.number().int(), converged: z.boolean() }).openapi({
      description: 'scores of M^power, each vector normalised to sum 1',
    }),
    quadrants: z.array(quadrant),
    threshold: z.object({ method: z.string(), influence: z.number(), dependence: z.number() }),
    hiddenInfluencers: z.array(z.object({}).passthrough()),
    potential: z.object({}).passthrough().nullable(),
  })
  .passthrough()
  .openapi('MicmacResult');
const dematelReply = z
  .object({
    variables: z.array(z.string()),
    total: z.array(z.array(z.number())).openapi({ description: 'T = N (I - N)^-1' }),
    prominence: z.array(z.number()),
    relation: z.array(z.number()),
    groups: z.array(z.enum(['cause', 'effect', 'neutral'])),
  })
  .passthrough()
  .openapi('DematelResult');
const cibReply = z
  .object({
    scenarioCount: z.number().int(),
    consistentCount: z.number().int(),
    consistent: z.array(
      z.object({ scenario: z.array(z.string()), totalImpactScore: z.number(), inconsistency: z.number() }),
    ),
    balances: z.record(z.string(), z.number()).optional(),
  })
  .passthrough()
  .openapi('CibResult');

function register(
  app: OpenAPIHono<AppEnv>,
  name: string,
  summary: string,
  request: z.ZodType,
  reply: z.ZodType,
  task: Task<Uint8Array, Uint8Array<ArrayBuffer>>,
) {
  const path = `/v1/analyze/${name}`;
  app.openAPIRegistry.registerPath({
    method: 'post',
    path,
    summary,
    tags: ['analyses'],
    security,
    request: { body: { content: { 'application/json': { schema: request } }, required: true } },
    responses: {
      200: { description: 'the analysis', content: { 'application/json': { schema: reply } } },
      ...errorResponses,
      ...heavyWorkResponses,
    },
  });
  app.post(path, requireKey('secret'), async (c) => {
    const body = await bytesBody(c);
    const answer = await c.get('services').heavy.run(task, body, {
      transfer: [body.buffer],
      key: c.get('workspaceId'),
    });
    return c.body(answer, 200, { 'content-type': 'application/json' });
  });
}

export function structuralRoutes(app: OpenAPIHono<AppEnv>) {
  register(
    app,
    'micmac',
    'MICMAC: direct and indirect influence/dependence, quadrants, potential run, hidden influencers',
    micmacRequest,
    micmacReply,
    micmacTask,
  );
  register(
    app,
    'dematel',
    'DEMATEL: total relations, prominence (R+C), relation (R-C), cause and effect groups, diagram data',
    dematelRequest,
    dematelReply,
    dematelTask,
  );
  register(
    app,
    'cib',
    'Cross-impact balances: the exact list of consistent scenarios (or within an inconsistency), balances of one scenario',
    cibRequest,
    cibReply,
    cibTask,
  );
}
