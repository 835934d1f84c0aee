import { marked } from 'marked';
import sanitizeHtml from 'sanitize-html';
import { parse } from 'yaml';
import { z } from 'zod';
import { InputError, type FieldIssue } from '../../core/issues.ts';

/** The front matter an article starts with, between `---` lines. */
export const frontMatter = z.strictObject({
  title: z.string().min(1).max(200),
  touchpoint: z.string().min(1).max(200).optional(),
  stage: z.string().min(1).max(200).optional(),
  /** The language the article is written in; the same `id` in another language is its translation. */
  language: z
    .string()
    .regex(/^[a-z]{2}(-[A-Za-z]{2})?$/, 'a language code such as en or de-AT')
    .default('en'),
  tags: z.array(z.string().min(1).max(60)).max(20).default([]),
  /** Private articles are shown only to identified (verified) customers. */
  public: z.boolean().default(true),
});
export type FrontMatter = z.infer<typeof frontMatter>;

export interface Article extends FrontMatter {
  id: string;
  markdown: string;
  html: string;
}

export const ARTICLE_ID = /^[a-z0-9][a-z0-9-]{0,80}$/;
const FENCE = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/;

/**
 * Article Markdown becomes HTML once, when applied, and is sanitised then: a knowledge base is
 * written by staff but shown on the shop's own pages, so a pasted <script> or onclick must never
 * reach a customer. Links open outside the widget and carry no referrer.
 */
export function renderMarkdown(markdown: string): string {
  const html = marked.parse(markdown, { async: false, gfm: true });
  return sanitizeHtml(html, {
    allowedTags: [...sanitizeHtml.defaults.allowedTags, 'img'],
    allowedAttributes: { a: ['href', 'title'], img: ['src', 'alt', 'title'] },
    allowedSchemes: ['https', 'http', 'mailto'],
    transformTags: {
      a: sanitizeHtml.simpleTransform('a', { target: '_blank', rel: 'noopener noreferrer' }),
    },
  });
}

/** One article from its file's text; `path` names it in errors (e.g. `articles[2]`). */
export function parseArticle(id: string, text: string, path: string): Article {
  const issues: FieldIssue[] = [];
  if (!ARTICLE_ID.test(id))
    issues.push({ path: `${path}.id`, code: 'invalid_id', message: 'lower-case letters, digits and dashes' });
  const match = FENCE.exec(text);
  if (!match) {
    issues.push({
      path: `${path}.markdown`,
      code: 'no_front_matter',
      message: 'must start with --- front matter ---',
    });
    throw new InputError(issues);
  }
  let data: unknown;
  try {
    data = parse(match[1]!);
  } catch (error) {
    issues.push({
      path: `${path}.markdown`,
      code: 'malformed',
      message: `front matter: ${(error as Error).message}`,
    });
    throw new InputError(issues);
  }
  const meta = frontMatter.safeParse(data ?? {});
  if (!meta.success)
    for (const i of meta.error.issues)
      issues.push({ path: [path, ...i.path.map(String)].join('.'), code: i.code, message: i.message });
  const body = match[2]!.trim();
  if (body === '')
    issues.push({ path: `${path}.markdown`, code: 'empty', message: 'the article has no text' });
  if (issues.length || !meta.success) throw new InputError(issues);
  return { id, ...meta.data, markdown: body, html: renderMarkdown(body) };
}

/** Plain text of an article for the search index and for emails. */
export function plainText(html: string): string {
  return sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} }).replace(/\s+/g, ' ').trim();
}
