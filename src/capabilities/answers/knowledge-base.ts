import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { trainIntents, type IntentModel } from '../../core/answers/classifier.ts';
import { InputError } from '../../core/issues.ts';
import type { Store } from '../../platform/store/port.ts';
import { bool, epochMs, json, nullable, num, row, text } from '../../platform/store/rows.ts';
import { DomainError } from '../../platform/errors.ts';
import { parseArticle, type Article } from './articles.ts';
import { ArticleIndex } from './search.ts';
import {
  DEFAULT_SETTINGS,
  answersSettings,
  intentPhrasings,
  type AnswersSettings,
  type IntentPhrasings,
} from './settings.ts';

const TEMPLATE = new URL('../../../templates/answers/retail/', import.meta.url);

/** The intent phrasings that ship with the retail template (used until a workspace applies its own). */
export function templatePhrasings(): IntentPhrasings {
  return intentPhrasings.parse(parse(readFileSync(new URL('intents.yaml', TEMPLATE), 'utf8')));
}

export const TEMPLATE_ARTICLES = new URL('articles/', TEMPLATE);

export interface ApplyInput {
  articles: { id: string; markdown: string }[];
  settings?: Partial<AnswersSettings>;
  intents?: IntentPhrasings;
}

const articleRow = row({
  id: text,
  language: text,
  title: text,
  touchpoint: nullable(text),
  stage: nullable(text),
  tags: json,
  public: bool,
  markdown: text,
  html: text,
  updated_at: epochMs,
});
const settingsRow = row({
  support_email: nullable(text),
  return_window_days: num,
  confidence: num,
  intents: nullable(json),
});

export type StoredArticle = Article & { updatedAt: number };

interface Loaded {
  revision: string;
  articles: StoredArticle[];
  indexes: Map<string, ArticleIndex>;
  settings: AnswersSettings;
  model: IntentModel;
}

const tagsOf = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((t): t is string => typeof t === 'string') : [];

/**
 * Each workspace's knowledge base: its articles (per language), settings and intent model. The
 * search indexes and the model are built in memory from the stored rows and rebuilt when the
 * workspace's revision (its latest `updated_at` and row count) changes, so a second process sees
 * an apply made by another on its next question.
 */
export class KnowledgeBase {
  private readonly loaded = new Map<string, Loaded>();
  private templateModel: IntentModel | null = null;

  constructor(private readonly store: Store) {}

  async apply(workspaceId: string, input: ApplyInput, now: number) {
    const articles = input.articles.map((a, i) => parseArticle(a.id, a.markdown, `articles[${i}]`));
    const seen = new Set<string>();
    articles.forEach((a, i) => {
      const key = `${a.id}/${a.language}`;
      if (seen.has(key))
        throw new InputError([
          {
            path: `articles[${i}].id`,
            code: 'duplicate',
            message: `"${a.id}" in ${a.language} is given twice`,
          },
        ]);
      seen.add(key);
    });
    const settingsResult = answersSettings.safeParse(input.settings ?? {});
    if (!settingsResult.success)
      throw new InputError(
        settingsResult.error.issues.map((i) => ({
          path: ['settings', ...i.path].join('.'),
          code: i.code,
          message: i.message,
        })),
      );
    if (input.intents) {
      const parsed = intentPhrasings.safeParse(input.intents);
      if (!parsed.success)
        throw new InputError(
          parsed.error.issues.map((i) => ({
            path: ['intents', ...i.path].join('.'),
            code: i.code,
            message: i.message,
          })),
        );
    }
    const settings = settingsResult.data;
    const at = new Date(now);
    // One transaction: the knowledge base is replaced whole, never half.
    await this.store.write([
      { sql: 'DELETE FROM answers_articles WHERE workspace_id = $1', params: [workspaceId] },
      { sql: 'DELETE FROM answers_settings WHERE workspace_id = $1', params: [workspaceId] },
      ...articles.map((a) => ({
        sql: 'INSERT INTO answers_articles VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)',
        params: [
          workspaceId,
          a.id,
          a.language,
          a.title,
          a.touchpoint ?? null,
          a.stage ?? null,
          JSON.stringify(a.tags),
          a.public,
          a.markdown,
          a.html,
          at,
        ],
      })),
      {
        sql: 'INSERT INTO answers_settings VALUES ($1, $2, $3, $4, $5, $6)',
        params: [
          workspaceId,
          settings.supportEmail,
          settings.returnWindowDays,
          settings.confidence,
          input.intents ? JSON.stringify(input.intents) : null,
          at,
        ],
      },
    ]);
    this.loaded.delete(workspaceId);
    return {
      articles: new Set(articles.map((a) => a.id)).size,
      languages: [...new Set(articles.map((a) => a.language))].sort(),
      settings,
    };
  }

  private async revision(workspaceId: string): Promise<string> {
    const [r] = await this.store.read(
      `SELECT (SELECT count(*) FROM answers_articles WHERE workspace_id = $1) AS n,
              (SELECT max(updated_at) FROM answers_settings WHERE workspace_id = $1) AS at`,
      [workspaceId],
    );
    return `${String(r?.n)}:${String(r?.at)}`;
  }

  /** The workspace's knowledge base as of now (read again only when it changed). */
  async load(workspaceId: string): Promise<Loaded> {
    const revision = await this.revision(workspaceId);
    const cached = this.loaded.get(workspaceId);
    if (cached && cached.revision === revision) return cached;
    const rows = await this.store.readRows(
      articleRow,
      `SELECT id, language, title, touchpoint, stage, tags, public, markdown, html, updated_at
       FROM answers_articles WHERE workspace_id = $1 ORDER BY id, language`,
      [workspaceId],
    );
    const articles: StoredArticle[] = rows.map((r) => ({
      id: r.id,
      language: r.language,
      title: r.title,
      ...(r.touchpoint ? { touchpoint: r.touchpoint } : {}),
      ...(r.stage ? { stage: r.stage } : {}),
      tags: tagsOf(r.tags),
      public: r.public,
      markdown: r.markdown,
      html: r.html,
      updatedAt: r.updated_at,
    }));
    const [s] = await this.store.readRows(
      settingsRow,
      'SELECT support_email, return_window_days, confidence, intents FROM answers_settings WHERE workspace_id = $1',
      [workspaceId],
    );
    const settings: AnswersSettings = s
      ? { supportEmail: s.support_email, returnWindowDays: s.return_window_days, confidence: s.confidence }
      : DEFAULT_SETTINGS;
    const own = s?.intents ? intentPhrasings.safeParse(s.intents) : null;
    const model = own?.success ? trainIntents(toPhrasings(own.data)) : this.template();
    const byLanguage = new Map<string, StoredArticle[]>();
    for (const a of articles) byLanguage.set(a.language, [...(byLanguage.get(a.language) ?? []), a]);
    const indexes = new Map(
      [...byLanguage].map(([language, list]) => [language, new ArticleIndex(language, list)]),
    );
    const loaded = { revision, articles, indexes, settings, model };
    this.loaded.set(workspaceId, loaded);
    return loaded;
  }

  private template(): IntentModel {
    this.templateModel ??= trainIntents(toPhrasings(templatePhrasings()));
    return this.templateModel;
  }

  async list(workspaceId: string) {
    const { articles } = await this.load(workspaceId);
    const byId = new Map<string, StoredArticle[]>();
    for (const a of articles) byId.set(a.id, [...(byId.get(a.id) ?? []), a]);
    return [...byId].map(([id, versions]) => {
      // The summary is the English version's where there is one, as `show` without a language.
      const main = versions.find((v) => v.language === 'en') ?? versions[0]!;
      return {
        id,
        title: main.title,
        languages: versions.map((v) => v.language),
        touchpoint: main.touchpoint ?? null,
        stage: main.stage ?? null,
        tags: main.tags,
        public: main.public,
        updatedAt: new Date(Math.max(...versions.map((v) => v.updatedAt))).toISOString(),
      };
    });
  }

  async show(workspaceId: string, id: string, language?: string): Promise<StoredArticle> {
    const { articles } = await this.load(workspaceId);
    const versions = articles.filter((a) => a.id === id);
    const article =
      versions.find((a) => a.language === language) ??
      versions.find((a) => a.language === 'en') ??
      versions[0];
    if (!article) throw new DomainError('not_found', `no article "${id}" in this workspace`);
    return article;
  }
}

export function toPhrasings(phrasings: IntentPhrasings) {
  return Object.entries(phrasings).flatMap(([intent, texts]) => texts.map((text) => ({ intent, text })));
}
