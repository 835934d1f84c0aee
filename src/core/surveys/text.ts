import { z } from 'zod';

/** A BCP 47 language tag as surveys use it: `en`, `fr`, `pt-BR`. */
export const languageTag = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a language tag such as "en", "fr" or "pt-BR"');

/** Text shown to a respondent: one string, or one per language. */
export const localizedText = z.union([
  z.string().min(1).max(2000),
  z.record(languageTag, z.string().min(1).max(2000)),
]);
export type LocalizedText = z.infer<typeof localizedText>;

/**
 * The languages to try for a respondent, best first: the exact tag, its primary language, then
 * the survey's default. `fr-CA` falls back to `fr`, then to the default.
 */
export function languageChain(requested: string | null | undefined, fallback: string): string[] {
  const chain: string[] = [];
  if (requested) {
    chain.push(requested);
    const primary = requested.split('-')[0]!;
    if (primary !== requested) chain.push(primary);
  }
  chain.push(fallback);
  return [...new Set(chain)];
}

/** The text in the first language of the chain that has it; single-language text is returned as is. */
export function localize(text: LocalizedText, chain: string[]): string {
  if (typeof text === 'string') return text;
  for (const language of chain) {
    const found = text[language];
    if (found !== undefined) return found;
  }
  // Validation guarantees the default language is present; this only serves hand-built values.
  return Object.values(text)[0] ?? '';
}

/** The survey language a respondent gets: the first of the chain the survey offers. */
export function pickLanguage(
  requested: string | null | undefined,
  offered: string[],
  fallback: string,
): string {
  return languageChain(requested, fallback).find((language) => offered.includes(language)) ?? fallback;
}
