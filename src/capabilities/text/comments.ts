import { analyseComment } from '../../core/text/comment.ts';
import { BUILTIN_MODEL } from '../../core/text/sentiment.ts';
import type { Store } from '../../platform/store/port.ts';
import { row, text } from '../../platform/store/rows.ts';
import { insertRows, placeholders } from './sql.ts';

/**
 * Reads comments and stores what the text model derives from them (text_comments). Idempotent:
 * a comment already read by the current model is skipped, so a domain event delivered twice, a
 * backfill run beside delivery, or a retried batch stores nothing twice.
 */

const commentRow = row({ id: text, comment: text });

/** How many comments one backfill step reads. */
export const BACKFILL_BATCH = 2000;

async function analyseAndStore(
  store: Store,
  workspaceId: string,
  rows: { id: string; comment: string }[],
  now: number,
) {
  if (rows.length === 0) return 0;
  const values = rows.map((r) => {
    const a = analyseComment(r.comment);
    return [workspaceId, r.id, a.language, a.label, a.score, a.model, a.stems, new Date(now)];
  });
  // A comment scored by an older model is replaced; one scored by this model is left alone.
  await store.write(
    insertRows(
      'INSERT INTO text_comments (workspace_id, feedback_id, language, label, score, model, stems, analysed_at)',
      `ON CONFLICT (workspace_id, feedback_id) DO UPDATE SET language = excluded.language, label = excluded.label,
         score = excluded.score, model = excluded.model, stems = excluded.stems, analysed_at = excluded.analysed_at`,
      values,
    ),
  );
  return rows.length;
}

/** Reads the named feedback comments (those not yet read by this model) and stores their analysis. */
export async function analyseFeedback(
  store: Store,
  workspaceId: string,
  ids: readonly string[],
  now: number,
): Promise<number> {
  let done = 0;
  for (let from = 0; from < ids.length; from += 500) {
    const chunk = [...new Set(ids.slice(from, from + 500))];
    const rows = await store.readRows(
      commentRow,
      `SELECT f.id, f.comment FROM feedback f
       LEFT JOIN text_comments t ON t.workspace_id = f.workspace_id AND t.feedback_id = f.id AND t.model = $2
       WHERE f.workspace_id = $1 AND f.id IN (${placeholders(3, chunk.length)})
         AND f.comment IS NOT NULL AND f.comment <> '' AND t.feedback_id IS NULL`,
      [workspaceId, BUILTIN_MODEL, ...chunk],
    );
    done += await analyseAndStore(store, workspaceId, rows, now);
  }
  return done;
}

/**
 * One backfill step: up to BACKFILL_BATCH comments stored before text existed (or scored by an
 * older model). Returns how many it read; 0 means the workspace is caught up.
 */
export async function backfillStep(store: Store, workspaceId: string, now: number): Promise<number> {
  const rows = await store.readRows(
    commentRow,
    `SELECT f.id, f.comment FROM feedback f
     LEFT JOIN text_comments t ON t.workspace_id = f.workspace_id AND t.feedback_id = f.id AND t.model = $2
     WHERE f.workspace_id = $1 AND f.comment IS NOT NULL AND f.comment <> '' AND t.feedback_id IS NULL
     ORDER BY f.id LIMIT ${BACKFILL_BATCH}`,
    [workspaceId, BUILTIN_MODEL],
  );
  return analyseAndStore(store, workspaceId, rows, now);
}
