/**
 * Workshop routes. The facilitator's, under /v1/workshops, take a secret key (or the dashboard's
 * session); the participants' take no account: /v1/workshop-join/{token} with the link's token,
 * then /v1/participant with the participant's own key in `x-participant-key`. The participants'
 * page is /workshop/{token}.
 */
import { z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { InputError } from '../../core/issues.ts';
import { DomainError } from '../../platform/errors.ts';
import { jsonBody } from '../../platform/http/body.ts';
import { rateLimit } from '../../platform/http/rate-limit.ts';
import { errorResponses, errorSchema, security } from '../../platform/http/schemas.ts';
import type { AppEnv } from '../http-env.ts';
import { requireKey } from '../workspaces/auth.ts';
import {
  actionRequest,
  actionView,
  createWorkshopReply,
  createWorkshopRequest,
  joinInfo,
  joinReply,
  joinRequest,
  judgementsReply,
  judgementsRequest,
  participantView,
  workshopList,
  workshopReport,
  workshopStatus,
} from './contract.ts';
import {
  PARTICIPANT_PAGE_HEADERS,
  PARTICIPANT_SCRIPT_PATH,
  participantPage,
  participantScript,
} from './participant-page.ts';
import { reportCsv } from './report-csv.ts';
import { reportPage } from './report-page.ts';
import { workshopReport as buildReport } from './report.ts';

type C = Context<AppEnv>;
const PARTICIPANT_HEADER = 'x-participant-key';

const json = (schema: z.ZodType, description: string) => ({
  200: { description, content: { 'application/json': { schema } } },
  ...errorResponses,
  404: { description: 'no such workshop', content: { 'application/json': { schema: errorSchema } } },
  409: {
    description: 'a conflict (the id is taken, all seats are taken)',
    content: { 'application/json': { schema: errorSchema } },
  },
});
const body = (schema: z.ZodType) => ({
  body: { content: { 'application/json': { schema } }, required: true },
});
const idParam = z.object({ id: z.string() });
const tokenParam = z.object({ token: z.string() });
const reportQuery = z.object({
  minEffect: z
    .string()
    .optional()
    .openapi({ description: 'flag believed influences the data rules out at this size (default 0.05)' }),
  strongEffect: z
    .string()
    .optional()
    .openapi({ description: 'flag unbelieved effects surely above this size (default 0.10)' }),
});

async function objectBody(c: C): Promise<unknown> {
  const raw = await jsonBody(c);
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    throw new InputError([{ path: '', code: 'invalid_type', message: 'the body is a JSON object' }]);
  return raw;
}

function effectOption(c: C, name: 'minEffect' | 'strongEffect'): number | undefined {
  const text = c.req.query(name);
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0 || value >= 1)
    throw new InputError([
      { path: name, code: 'invalid', message: 'a risk difference between 0 and 1 (exclusive)' },
    ]);
  return value;
}

async function report(c: C) {
  const minEffect = effectOption(c, 'minEffect');
  const strongEffect = effectOption(c, 'strongEffect');
  return buildReport(c.get('services'), c.get('workspaceId'), c.req.param('id')!, {
    ...(minEffect === undefined ? {} : { minEffect }),
    ...(strongEffect === undefined ? {} : { strongEffect }),
  });
}

const participantKey = (c: C): string => {
  const key = c.req.header(PARTICIPANT_HEADER);
  if (!key)
    throw new DomainError('unauthorized', `send your participant key in ${PARTICIPANT_HEADER}`, {
      code: 'unknown_participant',
    });
  return key;
};

export function workshopRoutes(
  app: OpenAPIHono<AppEnv>,
  options: { publicRequestsPerMinute: number; now: () => number },
) {
  const reg = app.openAPIRegistry;
  const secret = requireKey('secret');
  const tags = ['workshops'];

  reg.registerPath({
    method: 'post',
    path: '/v1/workshops',
    summary:
      'Create a workshop on the journey map (all touchpoints or a subset); the reply holds its join link once',
    tags,
    security,
    request: body(createWorkshopRequest),
    responses: json(createWorkshopReply, 'the workshop and its join link'),
  });
  app.post('/v1/workshops', secret, async (c) =>
    c.json(await c.get('services').workshops.create(c.get('workspaceId'), await objectBody(c))),
  );

  reg.registerPath({
    method: 'get',
    path: '/v1/workshops',
    summary: 'The workspace’s workshops, newest first',
    tags,
    security,
    responses: json(workshopList, 'the workshops'),
  });
  app.get('/v1/workshops', secret, async (c) =>
    c.json({ workshops: await c.get('services').workshops.list(c.get('workspaceId')) }),
  );

  reg.registerPath({
    method: 'get',
    path: '/v1/workshops/{id}',
    summary: 'Live progress: who has joined and finished, pairs covered by k judgements',
    tags,
    security,
    request: { params: idParam },
    responses: json(workshopStatus, 'the progress'),
  });
  app.get('/v1/workshops/:id', secret, async (c) =>
    c.json(await c.get('services').workshops.status(c.get('workspaceId'), c.req.param('id'))),
  );

  reg.registerPath({
    method: 'post',
    path: '/v1/workshops/{id}/link',
    summary: 'A new join link; the old one stops working',
    tags,
    security,
    request: { params: idParam },
    responses: json(createWorkshopReply.pick({ joinToken: true, joinPath: true }), 'the new link'),
  });
  app.post('/v1/workshops/:id/link', secret, async (c) =>
    c.json(await c.get('services').workshops.newLink(c.get('workspaceId'), c.req.param('id'))),
  );

  reg.registerPath({
    method: 'post',
    path: '/v1/workshops/{id}/actions',
    summary:
      'Record an action the workshop decided (title, owner, target touchpoints); the same action twice is stored once',
    tags,
    security,
    request: { params: idParam, ...body(actionRequest) },
    responses: json(actionView, 'the action'),
  });
  app.post('/v1/workshops/:id/actions', secret, async (c) =>
    c.json(
      await c
        .get('services')
        .workshops.addAction(c.get('workspaceId'), c.req.param('id'), await objectBody(c)),
    ),
  );

  reg.registerPath({
    method: 'get',
    path: '/v1/workshops/{id}/report',
    summary:
      'The report: cells, agreement, the judged matrix through MICMAC, DEMATEL, CIB, and beliefs against customers’ data',
    tags,
    security,
    request: { params: idParam, query: reportQuery },
    responses: json(workshopReport, 'the report'),
  });
  app.get('/v1/workshops/:id/report', secret, async (c) => c.json(await report(c)));

  // Documents for people and spreadsheets rather than API replies, so outside /v1 (whose routes
  // all answer JSON); the same key or dashboard session opens them.
  app.get('/workshops/:id/report.csv', secret, async (c) => {
    const r = await report(c);
    return c.body(reportCsv(r), 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="workshop-${r.workshop.id}.csv"`,
    });
  });

  app.get('/workshops/:id/report.html', secret, async (c) => c.html(reportPage(await report(c))));

  // ---- participants: no account, a token and their own key ----
  // Only the join routes are limited per address (where a link could be guessed at). The
  // participant routes need a 256-bit key, and a team in one room shares one address behind the
  // venue's NAT: five phones tapping an answer every few seconds would hit a per-address limit.
  const limit = rateLimit(options.publicRequestsPerMinute, options.now);

  reg.registerPath({
    method: 'get',
    path: '/v1/workshop-join/{token}',
    summary: 'What a join link opens: the workshop’s name and the seats left',
    tags,
    request: { params: tokenParam },
    responses: json(joinInfo, 'the workshop'),
  });
  app.get('/v1/workshop-join/:token', limit, async (c) =>
    c.json(await c.get('services').workshops.joinInfo(c.req.param('token'))),
  );

  reg.registerPath({
    method: 'post',
    path: '/v1/workshop-join/{token}',
    summary:
      'Join with a name and a key of one’s own (32+ random base64url characters); the same key again returns the same seat',
    tags,
    request: { params: tokenParam, ...body(joinRequest) },
    responses: json(joinReply, 'the seat'),
  });
  app.post('/v1/workshop-join/:token', limit, async (c) =>
    c.json(await c.get('services').workshops.join(c.req.param('token'), await objectBody(c))),
  );

  reg.registerPath({
    method: 'get',
    path: '/v1/participant',
    summary:
      'The participant’s items (touchpoints, assigned pairs) with their answers and what is left; key in x-participant-key',
    tags,
    responses: json(participantView, 'the items'),
  });
  app.get('/v1/participant', async (c) =>
    c.json(await c.get('services').workshops.participantView(participantKey(c))),
  );

  reg.registerPath({
    method: 'put',
    path: '/v1/participant/judgements',
    summary: 'Store judgements (all or none); a judgement sent again replaces the earlier one',
    tags,
    request: body(judgementsRequest),
    responses: json(judgementsReply, 'stored, with the progress'),
  });
  app.put('/v1/participant/judgements', async (c) =>
    c.json(await c.get('services').workshops.judge(participantKey(c), await objectBody(c))),
  );

  app.get('/workshop/:token', (c) => c.html(participantPage(), 200, PARTICIPANT_PAGE_HEADERS));
  app.get(PARTICIPANT_SCRIPT_PATH, (c) =>
    c.body(participantScript(), 200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
    }),
  );
}
