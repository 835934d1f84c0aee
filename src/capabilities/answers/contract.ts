import { z } from '@hono/zod-openapi';

/**
 * Request and reply shapes of the answers API: the knowledge base (apply, list, show), the help
 * widget's calls (ask, vote, hand-off, CES) and the self-service report. The routes, the OpenAPI
 * document and the dashboard's types come from here.
 */

/** Questions longer than this are refused: a routine question is a sentence, not a letter. */
export const MAX_QUESTION = 500;

export const applyAnswersInput = z
  .strictObject({
    articles: z
      .array(z.strictObject({ id: z.string().min(1).max(80), markdown: z.string().min(1).max(100_000) }))
      .max(1000),
    settings: z
      .strictObject({
        supportEmail: z.string().max(254).nullable().optional(),
        returnWindowDays: z.number().optional(),
        confidence: z.number().optional(),
      })
      .optional(),
    intents: z.record(z.string(), z.array(z.string())).optional(),
  })
  .openapi('ApplyAnswers');
export type ApplyAnswersInput = z.infer<typeof applyAnswersInput>;

export const applyAnswersReply = z.object({
  ok: z.literal(true),
  articles: z.number().int(),
  languages: z.array(z.string()),
  settings: z.object({
    supportEmail: z.string().nullable(),
    returnWindowDays: z.number(),
    confidence: z.number(),
  }),
});

export const articleSummary = z
  .object({
    id: z.string(),
    title: z.string(),
    languages: z.array(z.string()),
    touchpoint: z.string().nullable(),
    stage: z.string().nullable(),
    tags: z.array(z.string()),
    public: z.boolean(),
    updatedAt: z.string(),
  })
  .openapi('ArticleSummary');
export const articleList = z.object({ articles: z.array(articleSummary) });
export const articleDetail = z
  .object({
    id: z.string(),
    language: z.string(),
    title: z.string(),
    touchpoint: z.string().nullable(),
    stage: z.string().nullable(),
    tags: z.array(z.string()),
    public: z.boolean(),
    markdown: z.string(),
    html: z.string().openapi({ description: 'rendered and sanitised' }),
  })
  .openapi('Article');
export type ArticleDetail = z.infer<typeof articleDetail>;

const clientId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '8-64 letters, digits, _ or -');
/**
 * Who asks: the browser's anonymous id, and for a signed-in customer their id with the user hash
 * the site's backend computed (the same identity verification as in-page surveys).
 */
const visitor = {
  anonymousId: z.string().min(1).max(200),
  customerId: z.string().min(1).max(200).optional(),
  userHash: z.string().max(128).optional(),
};
export const askInput = z
  .strictObject({
    ...visitor,
    question: z.string().trim().min(1).max(MAX_QUESTION),
    language: z.string().max(35).optional(),
    conversationId: clientId,
    /** Made by the widget per question, so a retried request is stored once. */
    turnId: clientId,
  })
  .openapi('AskInput');
export type AskInput = z.infer<typeof askInput>;

const fact = z.object({ label: z.string(), value: z.string() });
export const askReply = z
  .object({
    conversationId: z.string(),
    turnId: z.string(),
    intent: z.string().nullable().openapi({ description: 'the recognised intent, null below the threshold' }),
    confidence: z.number(),
    answer: z
      .object({
        text: z.string(),
        facts: z.array(fact),
        link: z.object({ label: z.string(), url: z.string() }).nullable(),
        personal: z.boolean().openapi({ description: "whether it rests on the customer's own order" }),
      })
      .nullable(),
    articles: z.array(z.object({ id: z.string(), title: z.string(), html: z.string() })),
    /** Whether the widget should offer a person: asked for, nothing found, or needs a person. */
    handoff: z.object({ offered: z.boolean(), available: z.boolean() }),
  })
  .openapi('AskReply');
export type AskReply = z.infer<typeof askReply>;

export const voteInput = z.strictObject({
  ...visitor,
  conversationId: clientId,
  turnId: clientId,
  helped: z.boolean(),
});
export const handoffInput = z.strictObject({
  ...visitor,
  conversationId: clientId,
  /** Where an anonymous visitor wants the reply (a verified customer's is looked up by the shop). */
  email: z.email().max(254).optional(),
  message: z.string().max(2000).optional(),
});
export const cesInput = z.strictObject({
  ...visitor,
  conversationId: clientId,
  score: z.number().int().min(1).max(7),
});
export const okReply = z.object({ ok: z.literal(true), stored: z.boolean() });

export const reportQuery = z.object({
  from: z.string().optional().openapi({ description: 'YYYY-MM-DD, inclusive; default 30 days ago' }),
  to: z.string().optional().openapi({ description: 'YYYY-MM-DD, exclusive; default tomorrow' }),
});

const share = z.object({
  n: z.number().int(),
  successes: z.number().int(),
  rate: z.number().nullable(),
  low: z.number().nullable(),
  high: z.number().nullable(),
});
export const answersReport = z
  .object({
    period: z.object({ from: z.string(), to: z.string() }),
    deflection: z.object({
      population: z.string(),
      rate: share,
      pending: z
        .number()
        .int()
        .openapi({ description: 'conversations younger than 72 hours, not counted yet' }),
      anonymous: z
        .number()
        .int()
        .openapi({ description: 'conversations of anonymous visitors, not counted' }),
    }),
    byIntent: z.array(z.object({ intent: z.string(), asked: z.number().int(), helped: share })),
    byArticle: z.array(z.object({ article: z.string(), shown: z.number().int(), helped: share })),
    unanswered: z.array(
      z.object({ term: z.string(), questions: z.number().int(), examples: z.array(z.string()) }),
    ),
    ces: z.object({ population: z.string(), n: z.number().int(), mean: z.number().nullable(), easy: share }),
  })
  .openapi('AnswersReport');
export type AnswersReport = z.infer<typeof answersReport>;
