import { createRoute, type OpenAPIHono, type z } from '@hono/zod-openapi';
import {
  compareQuerySchema,
  funnelQuerySchema,
  journeyTimeQuerySchema,
  painPointsQuerySchema,
  retentionQuerySchema,
  scoresQuerySchema,
} from './params.ts';
import { analyticsFor, type AnalyticsService } from './service.ts';
import { requireKey } from '../workspaces/auth.ts';
import type { AppEnv } from '../http-env.ts';
import { errorResponses, security } from '../../platform/http/schemas.ts';
import {
  compareReportSchema,
  funnelReportSchema,
  journeyTimeReportSchema,
  painPointsReportSchema,
  retentionReportSchema,
  scoresReportSchema,
} from './contract.ts';

/**
 * GET /v1/analytics/*: the measure reports, each bound to a time window (`from`, `to` required),
 * secret key only. The same reports `cxloop report ...` prints: query names match the CLI options.
 */

type Call = Exclude<keyof AnalyticsService, 'constructor'>;

const ROUTES: {
  path: string;
  summary: string;
  query: z.ZodObject;
  reply: z.ZodTypeAny;
  call: Call;
}[] = [
  {
    path: 'scores',
    summary:
      'NPS, CSAT, CES and ratings with n and 95 % intervals, per touchpoint, stage, phase, channel, trait and period',
    query: scoresQuerySchema,
    reply: scoresReportSchema,
    call: 'scores',
  },
  {
    path: 'compare',
    summary:
      'Change between two periods, two segments, or responses with and without a failure, with two-sided tests',
    query: compareQuerySchema,
    reply: compareReportSchema,
    call: 'compare',
  },
  {
    path: 'funnel',
    summary:
      'Ordered stage funnel: people per stage, conversion, drop-off, time between stages; by channel or trait',
    query: funnelQuerySchema,
    reply: funnelReportSchema,
    call: 'funnel',
  },
  {
    path: 'journey-time',
    summary: 'Time spent buying (first touch to purchase) and owning (purchase to churn or last interaction)',
    query: journeyTimeQuerySchema,
    reply: journeyTimeReportSchema,
    call: 'journeyTime',
  },
  {
    path: 'retention',
    summary: 'Monthly retention cohorts, repeat purchase rate and churn rate',
    query: retentionQuerySchema,
    reply: retentionReportSchema,
    call: 'retention',
  },
  {
    path: 'pain-points',
    summary:
      'Touchpoints ranked by pain: low scores, drop-off, support contacts and later outcomes, with the evidence',
    query: painPointsQuerySchema,
    reply: painPointsReportSchema,
    call: 'painPoints',
  },
];

export function analyticsRoutes(app: OpenAPIHono<AppEnv>) {
  for (const route of ROUTES) {
    const definition = createRoute({
      method: 'get',
      path: `/v1/analytics/${route.path}`,
      summary: route.summary,
      tags: ['analytics'],
      security,
      middleware: [requireKey('secret')] as const,
      request: { query: route.query },
      responses: {
        200: { description: 'the report', content: { 'application/json': { schema: route.reply } } },
        ...errorResponses,
      },
    });
    app.openapi(definition, async (c) => {
      const analytics = analyticsFor(c.get('services'));
      const report = await analytics[route.call](c.get('workspaceId'), c.req.valid('query'));
      return c.json(report as object, 200);
    });
  }
}
