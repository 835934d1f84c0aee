import { matchesTheme } from '../../core/text/themes.ts';
import type { SqlValue, Store } from '../../platform/store/port.ts';
import { nullable, num, oneOf, row, text } from '../../platform/store/rows.ts';
import type { TimeWindow } from '../../platform/time/window.ts';
import type { TextAnalysis } from './contract.ts';
import { listThemes, type StoredTheme } from './themes.ts';

/**
 * What customers wrote in a window (at one touchpoint or all): how many comments the model read,
 * their sentiment split, and each theme with its count, share, mean sentiment and touchpoints.
 * Comments are counted once per feedback row that carries one; a comment in a language the model
 * does not read counts in `comments` and in its themes, not in the sentiment split.
 */

const commentRow = row({
  touchpoint: text,
  label: nullable(oneOf('negative', 'neutral', 'positive')),
  score: nullable(num),
  stems: text,
});
export type ReadComment = ReturnType<typeof commentRow>;

export async function readComments(
  store: Store,
  workspaceId: string,
  window: TimeWindow,
  touchpoint?: string,
) {
  const params: SqlValue[] = [workspaceId, window.from, window.to];
  if (touchpoint !== undefined) params.push(touchpoint);
  return store.readRows(
    commentRow,
    `SELECT f.touchpoint, t.label, t.score, t.stems
     FROM feedback f JOIN text_comments t ON t.workspace_id = f.workspace_id AND t.feedback_id = f.id
     WHERE f.workspace_id = $1 AND f.ts >= $2 AND f.ts < $3 ${touchpoint !== undefined ? 'AND f.touchpoint = $4' : ''}`,
    params,
  );
}

export function summarise(comments: readonly ReadComment[], themes: readonly StoredTheme[]): TextAnalysis {
  const sentiment = { negative: 0, neutral: 0, positive: 0 };
  for (const c of comments) if (c.label) sentiment[c.label]++;
  const summaries = themes.map((theme) => {
    let n = 0;
    let scored = 0;
    let sum = 0;
    const where = new Map<string, number>();
    for (const c of comments) {
      if (!matchesTheme(c.stems, theme)) continue;
      n++;
      if (c.score !== null) {
        scored++;
        sum += c.score;
      }
      where.set(c.touchpoint, (where.get(c.touchpoint) ?? 0) + 1);
    }
    return {
      id: theme.id,
      label: theme.label,
      terms: theme.terms,
      comments: n,
      share: comments.length ? n / comments.length : 0,
      sentiment: scored ? Math.round((sum / scored) * 1e4) / 1e4 : null,
      touchpoints: [...where.entries()]
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .map(([id, count]) => ({ id, comments: count })),
    };
  });
  return {
    comments: comments.length,
    sentiment,
    themes: summaries
      .filter((t) => t.comments > 0)
      .sort((a, b) => b.comments - a.comments || (a.id < b.id ? -1 : 1)),
  };
}

export async function analyseText(
  store: Store,
  workspaceId: string,
  window: TimeWindow,
  touchpoint?: string,
): Promise<TextAnalysis> {
  const [comments, themes] = await Promise.all([
    readComments(store, workspaceId, window, touchpoint),
    listThemes(store, workspaceId),
  ]);
  return summarise(comments, themes);
}
