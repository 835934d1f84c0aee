import juice from 'juice';
import { Liquid } from 'liquidjs';
import { pickLanguage } from '../../core/surveys/text.ts';
import type { Template } from '../../core/workflows/definition.ts';

/**
 * Liquid (what Shopify, Customer.io and Braze users write), through liquidjs. Output is not
 * HTML-escaped by default in Liquid; the HTML part escapes every variable (`outputEscape`), so a
 * customer's name cannot inject markup into a mail.
 */
const html = new Liquid({ outputEscape: 'escape', strictFilters: true });
const plain = new Liquid({ strictFilters: true });

/**
 * The variables every template can read. `customer` has fixed fields plus `traits`; `event` is the
 * trigger event's properties (any); providers (recommendations, ...) add roots with `provide`.
 */
export const BASE_VARIABLES: Record<string, readonly string[]> = {
  customer: ['id', 'email', 'name', 'first_name', 'language', 'traits'],
  event: ['*'],
  workflow: ['id', 'name'],
  unsubscribe_url: [],
  survey_url: [],
};

/** The global variables a source reads, as path segments; a syntax error throws with its position. */
export function templateVariables(source: string): string[][] {
  return plain
    .globalVariableSegmentsSync(source)
    .map((segments) => segments.map((s) => (Array.isArray(s) ? s.join('.') : String(s))));
}

export interface RenderedEmail {
  language: string;
  subject: string;
  html: string;
  text: string;
}

/**
 * Renders a template for one customer: the language of their `language` trait when the template
 * has it, else the main part; the HTML's <style> rules are inlined by `juice` (mail clients drop
 * <style> blocks), media queries kept for responsive layouts.
 */
export async function renderTemplate(
  template: Template,
  data: Record<string, unknown>,
  language: string | null,
  mainLanguage = 'en',
): Promise<RenderedEmail> {
  const languages = [mainLanguage, ...Object.keys(template.languages)];
  const chosen = pickLanguage(language ?? undefined, languages, mainLanguage);
  const part = chosen === mainLanguage ? template : (template.languages[chosen] ?? template);
  const [subject, body, text] = await Promise.all([
    plain.parseAndRender(part.subject, data),
    html.parseAndRender(part.html, data),
    plain.parseAndRender(part.text, data),
  ]);
  return {
    language: chosen,
    subject: subject.replace(/\s+/g, ' ').trim(),
    html: juice(body, { preserveMediaQueries: true, removeStyleTags: true }),
    text,
  };
}
