import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { searchCustomers } from './search.ts';
import { listCustomers } from './filtered-list.ts';
import { InputError } from '../../core/issues.ts';
import { parseWindow } from '../../platform/time/window.ts';

const WEEK_MS = 7 * 86_400_000;
import { customerSearchQuery, customerSearchReply } from './contract.ts';
import { requireKey } from '../workspaces/auth.ts';
import type { AppEnv } from '../http-env.ts';
import { errorResponses, security } from '../../platform/http/schemas.ts';

const route = createRoute({
  method: 'get',
  path: '/v1/customers',
  summary:
    'Find customers by the start of their id, or part of their e-mail address or name; or list those with an answer in a period, at a touchpoint, of a kind (bad or good)',
  tags: ['customers'],
  security,
  middleware: [requireKey('secret')] as const,
  request: {
    query: customerSearchQuery,
  },
  responses: {
    200: {
      description: 'matching customers, most recently seen first',
      content: {
        'application/json': {
          schema: customerSearchReply,
        },
      },
    },
    ...errorResponses,
  },
});

export function customerSearchRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { q, touchpoint, experience, from, to, limit } = c.req.valid('query');
    const services = c.get('services');
    const workspaceId = c.get('workspaceId');
    if (!touchpoint && !experience) {
      if (from !== undefined || to !== undefined || q === undefined)
        throw new InputError([
          q === undefined
            ? {
                path: 'q',
                code: 'required',
                message: 'give q, or filter the list by touchpoint or experience',
              }
            : {
                path: from === undefined ? 'to' : 'from',
                code: 'needs_filter',
                message: 'a period needs touchpoint or experience',
              },
        ]);
      return c.json({ customers: await searchCustomers(services.store, workspaceId, q, limit) }, 200);
    }
    if (touchpoint && !(await services.journeys.get(workspaceId)).touchpoints.has(touchpoint))
      throw new InputError([
        {
          path: 'touchpoint',
          code: 'unknown_touchpoint',
          message: `no touchpoint "${touchpoint}" in the journey map`,
        },
      ]);
    // "This week's" by default: the last 7 days up to now.
    const now = services.now();
    const parsed = parseWindow(
      from ?? new Date(now - WEEK_MS).toISOString(),
      to ?? new Date(now).toISOString(),
    );
    if (!parsed.window) throw new InputError(parsed.issues);
    const window = parsed.window;
    const customers = await listCustomers(
      services.store,
      workspaceId,
      { touchpoint: touchpoint ?? null, experience: experience ?? null, window, q: q ?? null },
      limit,
    );
    const what = [
      experience ? `a ${experience} answer` : 'an answer',
      touchpoint ? `about ${touchpoint}` : null,
    ]
      .filter(Boolean)
      .join(' ');
    return c.json(
      {
        customers,
        filter: {
          touchpoint: touchpoint ?? null,
          experience: experience ?? null,
          from: window.from.toISOString(),
          to: window.to.toISOString(),
          population: `customers with ${what} from ${window.from.toISOString()} to ${window.to.toISOString()}${q ? ` matching "${q}"` : ''}, at most ${limit}, most recently seen first`,
        },
      },
      200,
    );
  });
}
