import { z } from '@hono/zod-openapi';
import { WINDOW_FORMAT } from '../../platform/time/window.ts';

/**
 * The text capability's shapes: the analysis of comments (`cxloop analyze text`, GET
 * /v1/analyze/text), sentiment of given texts (`cxloop text sentiment`, POST /v1/text/sentiment),
 * the themes, and comment search (GET /v1/feedback).
 */

export const sentimentLabel = z.enum(['negative', 'neutral', 'positive']);

const windowQuery = {
  from: z
    .string()
    .min(1)
    .max(40)
    .openapi({ description: `start, inclusive: ${WINDOW_FORMAT}` }),
  to: z.string().min(1).max(40).openapi({ description: 'end: a date includes that whole day' }),
};

export const textAnalysisQuery = z.object({
  ...windowQuery,
  touchpoint: z.string().min(1).max(200).optional(),
});

export const themeSummary = z.object({
  id: z.string(),
  label: z.string(),
  /** the words customers wrote for the theme's terms, most frequent first */
  terms: z.array(z.string()),
  /** comments in the window holding the theme */
  comments: z.number().int(),
  /** of all comments in the window (and touchpoint) */
  share: z.number(),
  /** mean sentiment score of those comments in [-1, 1]; null when none was scored */
  sentiment: z.number().nullable(),
  /** where it occurs, most comments first */
  touchpoints: z.array(z.object({ id: z.string(), comments: z.number().int() })),
});

export const textAnalysisReply = z
  .object({
    /** comments in the window (and touchpoint) that the text model has read */
    comments: z.number().int(),
    /** comments per sentiment label; comments in a language the model does not read are in none */
    sentiment: z.object({
      negative: z.number().int(),
      neutral: z.number().int(),
      positive: z.number().int(),
    }),
    themes: z.array(themeSummary),
  })
  .openapi('TextAnalysis');
export type TextAnalysis = z.infer<typeof textAnalysisReply>;

export const sentimentRequest = z.strictObject({
  items: z
    .array(z.strictObject({ id: z.string().min(1).max(200), text: z.string().max(20_000) }))
    .min(1)
    .max(5000),
  model: z.enum(['builtin', 'workspace']).default('builtin'),
});

export const sentimentResult = z.object({
  id: z.string(),
  /** null for a text in a language the model does not read (see `language`) */
  label: sentimentLabel.nullable(),
  score: z.number().nullable(),
  themes: z.array(z.string()),
  language: z.string(),
  model: z.string(),
});
export type SentimentResult = z.infer<typeof sentimentResult>;
export const sentimentReply = z.object({ results: z.array(sentimentResult) }).openapi('TextSentiment');

export const themeView = z
  .object({
    id: z.string(),
    kind: z.enum(['discovered', 'defined']),
    label: z.string(),
    terms: z.array(z.string()),
    stems: z.array(z.string()),
  })
  .openapi('TextTheme');
export const themesReply = z.object({ themes: z.array(themeView) });

export const THEME_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
export const defineThemeRequest = z.strictObject({
  label: z.string().min(1).max(120),
  keywords: z.array(z.string().min(1).max(120)).min(1).max(100),
});

export const growthQuery = z.object({ ...windowQuery, touchpoint: z.string().min(1).max(200).optional() });
const periodCount = z.object({ theme: z.number().int(), total: z.number().int(), share: z.number() });
export const growthReply = z
  .object({
    test: z.string(),
    alpha: z.number(),
    before: z.object({ from: z.string(), to: z.string() }),
    now: z.object({ from: z.string(), to: z.string() }),
    themes: z.array(
      z.object({
        id: z.string(),
        label: z.string(),
        status: z.enum(['new', 'growing', 'steady']),
        before: periodCount,
        now: periodCount,
        p: z.number().nullable(),
        pAdjusted: z.number().nullable(),
      }),
    ),
  })
  .openapi('TextThemeGrowth');
export type ThemeGrowthReply = z.infer<typeof growthReply>;

export const feedbackSearchQuery = z.object({
  ...windowQuery,
  q: z
    .string()
    .min(1)
    .max(500)
    .optional()
    .openapi({ description: 'words to find (every one, stemmed: "delivered" finds "delivery")' }),
  touchpoint: z.string().min(1).max(200).optional(),
  metric: z.enum(['nps', 'csat', 'ces', 'rating']).optional(),
  scoreMin: z.coerce.number().optional().openapi({ description: 'lowest score, inclusive' }),
  scoreMax: z.coerce.number().optional().openapi({ description: 'highest score, inclusive' }),
  sentiment: sentimentLabel.optional(),
  theme: z.string().min(1).max(64).optional(),
  segment: z
    .string()
    .regex(/^[A-Za-z0-9_][A-Za-z0-9_-]{0,63}:.{1,200}$/)
    .optional()
    .openapi({ description: 'TRAIT:VALUE: customers whose current trait has that value (plan:gold)' }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export type FeedbackSearchQuery = z.infer<typeof feedbackSearchQuery>;

export const feedbackItem = z.object({
  id: z.string(),
  customerId: z.string(),
  touchpoint: z.string(),
  metric: z.string(),
  score: z.number(),
  scale: z.object({ min: z.number(), max: z.number() }),
  comment: z.string(),
  at: z.string(),
  /** null until the text model has read the comment, and for a language it does not read */
  sentiment: z
    .object({
      label: sentimentLabel.nullable(),
      score: z.number().nullable(),
      language: z.string(),
      model: z.string(),
    })
    .nullable(),
  themes: z.array(z.string()),
});
export const feedbackSearchReply = z
  .object({
    /** comments matching every filter, in the window */
    total: z.number().int(),
    items: z.array(feedbackItem),
    /** themes named in `items`, so a screen can show labels */
    themes: z.array(z.object({ id: z.string(), label: z.string() })),
  })
  .openapi('FeedbackSearch');
export type FeedbackSearch = z.infer<typeof feedbackSearchReply>;

export const modelReply = z
  .object({
    /** null until the workspace holds enough scored comments for a model */
    model: z
      .object({
        comments: z.number().int(),
        cvMacroF1: z.number(),
        builtinMacroF1: z.number(),
        better: z.boolean(),
        trainedAt: z.string(),
      })
      .nullable(),
  })
  .openapi('TextModel');
