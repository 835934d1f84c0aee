import type { OpenAPIHono, z } from '@hono/zod-openapi';
import { InputError } from '../../core/issues.ts';
import { crossImpact } from './cross-impact/service.ts';
import { storedDrivers } from './drivers/stored.ts';
import { whatIfAnalysis } from './what-if/service.ts';
import {
  crossImpactReply,
  crossImpactRequestSchema,
  storedDriversReply,
  storedDriversRequestSchema,
  whatIfReply,
  whatIfRequestSchema,
} from './contract.ts';
import type { Services } from '../graph.ts';
import { requireKey } from '../workspaces/auth.ts';
import { jsonBody } from '../../platform/http/body.ts';
import type { AppEnv } from '../http-env.ts';
import { errorResponses, heavyWorkResponses, security } from '../../platform/http/schemas.ts';

/**
 * POST /v1/analyze/drivers, /cross-impact, /what-if: the understand analyses over the workspace's
 * stored data, with the same request fields and the same JSON answer as `cxloop analyze ... --format
 * json`. The services validate the body themselves, so a bad field is reported once with its path.
 */

const ROUTES: {
  path: string;
  summary: string;
  request: z.ZodType;
  reply: z.ZodType;
  run: (services: Services, workspaceId: string, body: unknown) => Promise<unknown>;
}[] = [
  {
    path: 'drivers',
    summary:
      'Key drivers of an outcome (nps, csat@touchpoint, repeat-purchase, churn) on touchpoint scores per customer: exact LMG, relative weights, dominance, betas, p-values, quadrants',
    request: storedDriversRequestSchema,
    reply: storedDriversReply,
    run: storedDrivers,
  },
  {
    path: 'cross-impact',
    summary:
      'Touchpoint cross-impact matrix: effect of a bad experience at each touchpoint on a bad experience at each other one and on the outcomes, risk differences and lifts with 95 % intervals and n',
    request: crossImpactRequestSchema,
    reply: crossImpactReply,
    run: crossImpact,
  },
  {
    path: 'what-if',
    summary:
      'What-if: the outcome change when a touchpoint is lifted by some points or loses a share of its bad experiences, direct plus indirect, with a Monte Carlo interval and the assumptions',
    request: whatIfRequestSchema,
    reply: whatIfReply,
    run: whatIfAnalysis,
  },
];

export function understandRoutes(app: OpenAPIHono<AppEnv>) {
  for (const route of ROUTES) {
    const path = `/v1/analyze/${route.path}`;
    app.openAPIRegistry.registerPath({
      method: 'post',
      path,
      summary: route.summary,
      tags: ['analyses'],
      security,
      request: { body: { content: { 'application/json': { schema: route.request } }, required: true } },
      responses: {
        200: { description: 'the analysis', content: { 'application/json': { schema: route.reply } } },
        ...errorResponses,
        ...heavyWorkResponses,
      },
    });
    app.post(path, requireKey('secret'), async (c) => {
      const body = await jsonBody(c);
      if (!body || typeof body !== 'object' || Array.isArray(body)) {
        throw new InputError([{ path: '', code: 'invalid_type', message: 'the body is a JSON object' }]);
      }
      return c.json((await route.run(c.get('services'), c.get('workspaceId'), body)) as object);
    });
  }
}
