import type { OpenAPIHono, z } from '@hono/zod-openapi';
import { cors } from 'hono/cors';
import { InputError, zodIssues } from '../../core/issues.ts';
import { jsonBody } from '../../platform/http/body.ts';
import { rateLimit } from '../../platform/http/rate-limit.ts';
import { errorResponses, security } from '../../platform/http/schemas.ts';
import type { AppEnv } from '../http-env.ts';
import { requireKey } from '../workspaces/auth.ts';
import {
  answersReport,
  applyAnswersInput,
  applyAnswersReply,
  articleDetail,
  articleList,
  askInput,
  askReply,
  cesInput,
  handoffInput,
  okReply,
  reportQuery,
  voteInput,
} from './contract.ts';
import { helpPage } from './help-page.ts';

const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });

function parse<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const result = schema.safeParse(body);
  if (!result.success) throw new InputError(zodIssues(result.error));
  return result.data;
}

/**
 * The knowledge base and report (secret key), and the help widget's calls (ingest key, open to any
 * origin like the rest of the browser SDK; a customer is trusted only with their user hash).
 */
export function answersRoutes(
  app: OpenAPIHono<AppEnv>,
  options: { publicRequestsPerMinute: number; now: () => number },
) {
  const secret = requireKey('secret');
  const ingestKey = requireKey('ingest', 'secret');
  const doc = (
    method: 'get' | 'put' | 'post',
    path: string,
    summary: string,
    reply: z.ZodType,
    request?: { body?: z.ZodType; query?: z.ZodObject },
  ) =>
    app.openAPIRegistry.registerPath({
      method,
      path,
      summary,
      tags: ['answers'],
      security,
      request: {
        ...(request?.body ? { body: { ...json(request.body), required: true } } : {}),
        ...(request?.query ? { query: request.query } : {}),
      },
      responses: { 200: { description: 'ok', ...json(reply) }, ...errorResponses },
    });

  doc(
    'put',
    '/v1/answers',
    'Replace the knowledge base: articles (Markdown with front matter), settings, intents',
    applyAnswersReply,
    {
      body: applyAnswersInput,
    },
  );
  app.put('/v1/answers', secret, async (c) => {
    const { answers, now } = c.get('services');
    const input = parse(applyAnswersInput, await jsonBody(c));
    const applied = await answers.kb.apply(c.get('workspaceId'), input, now());
    return c.json({ ok: true as const, ...applied });
  });

  doc('get', '/v1/answers/articles', 'The knowledge base’s articles', articleList);
  app.get('/v1/answers/articles', secret, async (c) => {
    const { answers } = c.get('services');
    return c.json({ articles: await answers.kb.list(c.get('workspaceId')) });
  });

  doc('get', '/v1/answers/articles/{id}', 'One article, in a language (?language=de)', articleDetail);
  app.get('/v1/answers/articles/:id', secret, async (c) => {
    const { answers } = c.get('services');
    const a = await answers.kb.show(c.get('workspaceId'), c.req.param('id'), c.req.query('language'));
    return c.json({
      id: a.id,
      language: a.language,
      title: a.title,
      touchpoint: a.touchpoint ?? null,
      stage: a.stage ?? null,
      tags: a.tags,
      public: a.public,
      markdown: a.markdown,
      html: a.html,
    });
  });

  doc(
    'get',
    '/v1/answers/report',
    'Self-service report: deflection, success by intent and article, unanswered, CES',
    answersReport,
    {
      query: reportQuery,
    },
  );
  app.get('/v1/answers/report', secret, async (c) => {
    const { answers, now } = c.get('services');
    const query = parse(reportQuery, { from: c.req.query('from'), to: c.req.query('to') });
    return c.json(await answers.report(c.get('workspaceId'), query, now()));
  });

  // The widget's calls. A per-address limit here, and a per-visitor one on questions (conversation.ts).
  app.use(
    '/v1/sdk/answers/*',
    cors({ origin: '*', allowMethods: ['POST'], allowHeaders: ['authorization', 'content-type'] }),
  );
  app.use('/v1/sdk/answers/*', rateLimit(options.publicRequestsPerMinute, options.now));
  const widget = [
    ['ask', 'Help widget: ask a question (CORS, ingest key)', askInput, askReply],
    ['vote', 'Help widget: did this help? (CORS, ingest key)', voteInput, okReply],
    ['handoff', 'Help widget: hand the conversation to a person (CORS, ingest key)', handoffInput, okReply],
    ['ces', 'Help widget: how easy was it? 1-7 (CORS, ingest key)', cesInput, okReply],
  ] as const;
  for (const [name, summary, input, reply] of widget) {
    doc('post', `/v1/sdk/answers/${name}`, summary, reply, { body: input });
  }
  app.post('/v1/sdk/answers/ask', ingestKey, async (c) => {
    const { answers, now } = c.get('services');
    return c.json(
      await answers.conversations.ask(c.get('workspaceId'), parse(askInput, await jsonBody(c)), now()),
    );
  });
  app.post('/v1/sdk/answers/vote', ingestKey, async (c) => {
    const { answers, now } = c.get('services');
    return c.json(
      await answers.conversations.vote(c.get('workspaceId'), parse(voteInput, await jsonBody(c)), now()),
    );
  });
  app.post('/v1/sdk/answers/handoff', ingestKey, async (c) => {
    const { answers, now } = c.get('services');
    return c.json(
      await answers.conversations.handoff(
        c.get('workspaceId'),
        parse(handoffInput, await jsonBody(c)),
        now(),
      ),
    );
  });
  app.post('/v1/sdk/answers/ces', ingestKey, async (c) => {
    const { answers, now } = c.get('services');
    return c.json(
      await answers.conversations.ces(c.get('workspaceId'), parse(cesInput, await jsonBody(c)), now()),
    );
  });

  // The hosted help page: the widget, open, on a page of its own (a link in an email, say).
  app.get('/help', (c) => c.html(helpPage()));
}
