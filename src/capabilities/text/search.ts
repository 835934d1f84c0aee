import { queryStems } from '../../core/text/stems.ts';
import { matchesTheme } from '../../core/text/themes.ts';
import { DomainError } from '../../platform/errors.ts';
import type { SqlValue, Store } from '../../platform/store/port.ts';
import { epochMs, nullable, num, oneOf, row, text } from '../../platform/store/rows.ts';
import type { TimeWindow } from '../../platform/time/window.ts';
import type { FeedbackSearch, FeedbackSearchQuery } from './contract.ts';
import { stemPattern } from './sql.ts';
import { listThemes } from './themes.ts';

/**
 * Comment search: feedback that carries a comment, in a window, filtered by words (stemmed, all
 * of them), touchpoint, metric, score range, sentiment, theme and segment (a current trait),
 * newest first. Words and themes match the stored stem line with LIKE, the same SQL on both
 * engines; a comment the text model has not read yet matches no word, theme or sentiment filter.
 */

const itemRow = row({
  id: text,
  customer_id: text,
  touchpoint: text,
  metric: text,
  score: num,
  scale_min: num,
  scale_max: num,
  comment: text,
  ts: epochMs,
  label: nullable(oneOf('negative', 'neutral', 'positive')),
  sentiment_score: nullable(num),
  language: nullable(text),
  model: nullable(text),
  stems: nullable(text),
});

export async function searchFeedback(
  store: Store,
  workspaceId: string,
  window: TimeWindow,
  query: Omit<FeedbackSearchQuery, 'from' | 'to'>,
): Promise<FeedbackSearch> {
  const params: SqlValue[] = [workspaceId, window.from, window.to];
  const p = (value: SqlValue) => (params.push(value), `$${params.length}`);
  const where = [
    'f.workspace_id = $1',
    'f.ts >= $2',
    'f.ts < $3',
    'f.comment IS NOT NULL',
    "f.comment <> ''",
  ];
  if (query.touchpoint !== undefined) where.push(`f.touchpoint = ${p(query.touchpoint)}`);
  if (query.metric !== undefined) where.push(`f.metric = ${p(query.metric)}`);
  if (query.scoreMin !== undefined) where.push(`f.score >= ${p(query.scoreMin)}`);
  if (query.scoreMax !== undefined) where.push(`f.score <= ${p(query.scoreMax)}`);
  if (query.sentiment !== undefined) where.push(`t.label = ${p(query.sentiment)}`);
  if (query.q !== undefined) {
    const stems = queryStems(query.q);
    if (stems.length === 0)
      throw new DomainError('invalid', 'q holds no word to search for (only function words or symbols)', {
        issues: [
          {
            path: 'q',
            code: 'no_content_word',
            message: 'give at least one word that is not a function word',
          },
        ],
      });
    for (const s of stems) where.push(`t.stems LIKE ${p(stemPattern(s))}`);
  }
  const themes = await listThemes(store, workspaceId);
  if (query.theme !== undefined) {
    const theme = themes.find((t) => t.id === query.theme);
    if (!theme)
      throw new DomainError('invalid', `no theme "${query.theme}" in this workspace`, {
        issues: [
          {
            path: 'theme',
            code: 'unknown_theme',
            message: `no theme "${query.theme}" (GET /v1/text/themes lists them)`,
          },
        ],
      });
    where.push(`(${theme.stems.map((s) => `t.stems LIKE ${p(stemPattern(s))}`).join(' OR ')})`);
  }
  if (query.segment !== undefined) {
    const at = query.segment.indexOf(':');
    where.push(
      `EXISTS (SELECT 1 FROM customers c WHERE c.workspace_id = f.workspace_id AND c.id = f.customer_id
         AND c.traits ->> CAST(${p(query.segment.slice(0, at))} AS VARCHAR) = ${p(query.segment.slice(at + 1))})`,
    );
  }
  const from = `FROM feedback f LEFT JOIN text_comments t ON t.workspace_id = f.workspace_id AND t.feedback_id = f.id
    WHERE ${where.join(' AND ')}`;
  const filterParams = [...params];
  const [rows, totals] = await Promise.all([
    store.readRows(
      itemRow,
      `SELECT f.id, f.customer_id, f.touchpoint, f.metric, f.score, f.scale_min, f.scale_max, f.comment, f.ts,
              t.label, t.score AS sentiment_score, t.language, t.model, t.stems
       ${from} ORDER BY f.ts DESC, f.id DESC LIMIT ${p(query.limit)} OFFSET ${p(query.offset)}`,
      params,
    ),
    store.readRows(row({ n: num }), `SELECT count(*) AS n ${from}`, filterParams),
  ]);
  const named = new Map<string, string>();
  const items = rows.map((r) => {
    const held = r.stems === null ? [] : themes.filter((t) => matchesTheme(r.stems!, t));
    for (const t of held) named.set(t.id, t.label);
    return {
      id: r.id,
      customerId: r.customer_id,
      touchpoint: r.touchpoint,
      metric: r.metric,
      score: r.score,
      scale: { min: r.scale_min, max: r.scale_max },
      comment: r.comment,
      at: new Date(r.ts).toISOString(),
      sentiment:
        r.model === null || r.language === null
          ? null
          : { label: r.label, score: r.sentiment_score, language: r.language, model: r.model },
      themes: held.map((t) => t.id),
    };
  });
  return {
    total: totals[0]?.n ?? 0,
    items,
    themes: [...named.entries()].map(([id, label]) => ({ id, label })),
  };
}
