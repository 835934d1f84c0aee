import type { OpenAPIHono, z } from '@hono/zod-openapi';
import { cibTask, dematelTask, micmacTask } from './tasks.ts';
import { requireKey } from '../../workspaces/auth.ts';
import type { Task } from '../../../platform/workers/task.ts';
import { bytesBody } from '../../../platform/http/body.ts';
import type { AppEnv } from '../../http-env.ts';
import { errorResponses, heavyWorkResponses, security } from '../../../platform/http/schemas.ts';
import {
  cibReply,
  cibRequest,
  dematelReply,
  dematelRequest,
  micmacReply,
  micmacRequest,
} from './contract.ts';

/**
 * POST /v1/analyze/micmac, /dematel, /cib: the structural analyses over HTTP, with the same input
 * and output as `cxloop analyze ... --format json`; options travel in the body next to the matrix.
 * The body is checked by the analyses themselves (not the router), so a bad cell is reported once,
 * at `matrix.<row>.<column>`, with the same message the CLI prints. Parsing, analysis and the JSON
 * answer all happen in the worker pool (services.heavy): a 1000 x 1000 DEMATEL or a CIB search at
 * its budget holds a worker for seconds, never the thread that answers every other workspace.
 */

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
