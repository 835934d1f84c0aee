import type { OpenAPIHono, z } from '@hono/zod-openapi';
import { InputError } from '../../../core/issues.ts';
import { API_MAX_NODES, runCib, runDematel, runMicmac } from './analyses.ts';
import { requireKey } from '../../workspaces/auth.ts';
import { jsonBody } from '../../../platform/http/body.ts';
import type { AppEnv } from '../../http-env.ts';
import { errorResponses, security } from '../../../platform/http/schemas.ts';
import {
  cibReply,
  cibRequest,
  dematelReply,
  dematelRequest,
  micmacReply,
  micmacRequest,
  type CibReply,
  type DematelReply,
  type MicmacReply,
} from '../contract.ts';

/**
 * POST /v1/analyze/micmac, /dematel, /cib: the structural analyses over HTTP, with the same input
 * and output as `cxloop analyze ... --format json`; options travel in the body next to the matrix.
 * The body is checked by the analyses themselves (not the router), so a bad cell is reported once,
 * at `matrix.<row>.<column>`, with the same message the CLI prints.
 */

function register(
  app: OpenAPIHono<AppEnv>,
  name: string,
  summary: string,
  request: z.ZodType,
  reply: z.ZodType,
  optionKeys: readonly string[],
  analyse: (input: unknown, options: Record<string, unknown>) => unknown,
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
    },
  });
  app.post(path, requireKey('secret'), async (c) => {
    const body = await jsonBody(c);
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
      throw new InputError([{ path: '', code: 'invalid_type', message: 'the body is a JSON object' }]);
    }
    const input: Record<string, unknown> = { ...body };
    const options: Record<string, unknown> = {};
    for (const key of optionKeys) {
      if (key in input) options[key] = input[key];
      delete input[key];
    }
    return c.json(analyse(input, options) as object);
  });
}

export function structuralRoutes(app: OpenAPIHono<AppEnv>) {
  register(
    app,
    'micmac',
    'MICMAC: direct and indirect influence/dependence, quadrants, potential run, hidden influencers',
    micmacRequest,
    micmacReply,
    ['power', 'maxPower', 'threshold', 'potentialWeight'],
    (input, options): MicmacReply => runMicmac(input, options),
  );
  register(
    app,
    'dematel',
    'DEMATEL: total relations, prominence (R+C), relation (R-C), cause and effect groups, diagram data',
    dematelRequest,
    dematelReply,
    ['potentialWeight'],
    (input, options): DematelReply => runDematel(input, options),
  );
  register(
    app,
    'cib',
    'Cross-impact balances: the exact list of consistent scenarios (or within an inconsistency), balances of one scenario',
    cibRequest,
    cibReply,
    ['maxInconsistency', 'scenario', 'limit'],
    // A request must not hold the server for minutes: the search gets a smaller budget than the CLI.
    (input, options): CibReply => runCib(input, options, API_MAX_NODES),
  );
}
