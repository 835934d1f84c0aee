import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { InputError } from '../../core/issues.ts';
import { errorResponses, errorSchema, security } from '../../platform/http/schemas.ts';
import { parseWindow } from '../../platform/time/window.ts';
import type { AppEnv } from '../http-env.ts';
import { requireKey } from '../workspaces/auth.ts';
import {
  defineThemeRequest,
  feedbackSearchQuery,
  feedbackSearchReply,
  growthQuery,
  growthReply,
  modelReply,
  sentimentReply,
  sentimentRequest,
  textAnalysisQuery,
  textAnalysisReply,
  THEME_ID,
  themesReply,
  themeView,
} from './contract.ts';
import { knownQuery } from './query-keys.ts';

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

const analyseRoute = createRoute({
  method: 'get',
  path: '/v1/analyze/text',
  summary:
    'What customers wrote in a window: comments read, sentiment split, themes (count, share, mean sentiment, touchpoints)',
  tags: ['text'],
  security,
  middleware: [requireKey('secret'), knownQuery(textAnalysisQuery)] as const,
  request: { query: textAnalysisQuery },
  responses: { 200: json(textAnalysisReply, 'the analysis'), ...errorResponses },
});

const growthRoute = createRoute({
  method: 'get',
  path: '/v1/text/themes/growth',
  summary:
    'New and growing themes: the window against the period of the same length before it (Holm-adjusted z-tests)',
  tags: ['text'],
  security,
  middleware: [requireKey('secret'), knownQuery(growthQuery)] as const,
  request: { query: growthQuery },
  responses: { 200: json(growthReply, 'each theme, before and now, with its p-values'), ...errorResponses },
});

const themesRoute = createRoute({
  method: 'get',
  path: '/v1/text/themes',
  summary: "The workspace's themes: discovered ones and those defined by keywords",
  tags: ['text'],
  security,
  middleware: [requireKey('secret')] as const,
  responses: { 200: json(themesReply, 'the themes'), ...errorResponses },
});

const themeParams = z.object({
  id: z.string().regex(THEME_ID, 'lower-case letters, digits and "-", at most 63'),
});

const defineRoute = createRoute({
  method: 'put',
  path: '/v1/text/themes/{id}',
  summary: 'Define (or replace) a theme by keywords and phrases; comments holding any of them belong to it',
  tags: ['text'],
  security,
  middleware: [requireKey('secret')] as const,
  request: {
    params: themeParams,
    body: { required: true, content: { 'application/json': { schema: defineThemeRequest } } },
  },
  responses: { 200: json(themeView, 'the theme as stored'), ...errorResponses },
});

const deleteRoute = createRoute({
  method: 'delete',
  path: '/v1/text/themes/{id}',
  summary: 'Delete a defined theme (discovered ones are replaced when discovery runs again)',
  tags: ['text'],
  security,
  middleware: [requireKey('secret')] as const,
  request: { params: themeParams },
  responses: {
    204: { description: 'deleted' },
    404: json(errorSchema, 'no defined theme with this id'),
    ...errorResponses,
  },
});

const sentimentRoute = createRoute({
  method: 'post',
  path: '/v1/text/sentiment',
  summary: 'Sentiment and themes of given texts, in order (nothing is stored)',
  tags: ['text'],
  security,
  middleware: [requireKey('secret')] as const,
  request: { body: { required: true, content: { 'application/json': { schema: sentimentRequest } } } },
  responses: { 200: json(sentimentReply, 'one result per item, in order'), ...errorResponses },
});

const searchRoute = createRoute({
  method: 'get',
  path: '/v1/feedback',
  summary:
    'Search comments: words (stemmed), touchpoint, metric, score range, sentiment, theme, segment; newest first',
  tags: ['text'],
  security,
  middleware: [requireKey('secret'), knownQuery(feedbackSearchQuery)] as const,
  request: { query: feedbackSearchQuery },
  responses: {
    200: json(feedbackSearchReply, 'one page of matching comments and their total'),
    ...errorResponses,
  },
});

const modelRoute = createRoute({
  method: 'get',
  path: '/v1/text/model',
  summary:
    "The workspace's learned sentiment model: cross-validated macro-F1 against the built-in model on the same comments",
  tags: ['text'],
  security,
  middleware: [requireKey('secret')] as const,
  responses: { 200: json(modelReply, 'the figures, or null before a model was trained'), ...errorResponses },
});

function windowOf(query: { from: string; to: string }) {
  const parsed = parseWindow(query.from, query.to);
  if (!parsed.window) throw new InputError(parsed.issues);
  return parsed.window;
}

export function textRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(analyseRoute, async (c) => {
    const q = c.req.valid('query');
    return c.json(await c.get('services').text.analyse(c.get('workspaceId'), windowOf(q), q.touchpoint), 200);
  });
  app.openapi(growthRoute, async (c) => {
    const q = c.req.valid('query');
    return c.json(await c.get('services').text.growth(c.get('workspaceId'), windowOf(q), q.touchpoint), 200);
  });
  app.openapi(themesRoute, async (c) => {
    return c.json({ themes: await c.get('services').text.themes(c.get('workspaceId')) }, 200);
  });
  app.openapi(defineRoute, async (c) => {
    const { id } = c.req.valid('param');
    return c.json(
      await c.get('services').text.defineTheme(c.get('workspaceId'), id, c.req.valid('json')),
      200,
    );
  });
  app.openapi(deleteRoute, async (c) => {
    await c.get('services').text.deleteTheme(c.get('workspaceId'), c.req.valid('param').id);
    return c.body(null, 204);
  });
  app.openapi(sentimentRoute, async (c) => {
    const body = c.req.valid('json');
    return c.json(
      { results: await c.get('services').text.sentiment(c.get('workspaceId'), body.items, body.model) },
      200,
    );
  });
  app.openapi(modelRoute, async (c) =>
    c.json({ model: await c.get('services').text.model(c.get('workspaceId')) }, 200),
  );
  app.openapi(searchRoute, async (c) => {
    const { from, to, ...filters } = c.req.valid('query');
    return c.json(
      await c.get('services').text.search(c.get('workspaceId'), windowOf({ from, to }), filters),
      200,
    );
  });
}
