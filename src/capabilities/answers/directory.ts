import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { InputError, zodIssues } from '../../core/issues.ts';
import { applyAnswersInput, type ApplyAnswersInput } from './contract.ts';

/**
 * A knowledge base as a folder, the shape `cxloop answers apply DIR` reads: Markdown articles
 * (`returns-policy.md`, its German version `returns-policy.de.md`) in the folder or its
 * `articles/`, an optional `answers.yaml` (supportEmail, returnWindowDays, confidence) and an
 * optional `intents.yaml` (example phrasings per intent; the template's when absent).
 */
export function readAnswersDirectory(dir: string): ApplyAnswersInput {
  if (!existsSync(dir))
    throw new InputError([{ path: 'DIR', code: 'not_found', message: `no folder ${dir}` }]);
  const folders = [dir, join(dir, 'articles')].filter((d) => existsSync(d));
  const articles = folders.flatMap((folder) =>
    readdirSync(folder)
      .filter((f) => f.endsWith('.md') && f.toLowerCase() !== 'readme.md')
      .sort()
      .map((f) => ({
        id: basename(f, '.md').replace(/\.[a-z]{2}(-[A-Za-z]{2})?$/, ''),
        markdown: readFileSync(join(folder, f), 'utf8'),
      })),
  );
  const yaml = (name: string): unknown => {
    const path = join(dir, name);
    if (!existsSync(path)) return undefined;
    try {
      return parse(readFileSync(path, 'utf8')) as unknown;
    } catch (error) {
      throw new InputError([{ path: name, code: 'malformed', message: (error as Error).message }]);
    }
  };
  const settings = yaml('answers.yaml');
  const intents = yaml('intents.yaml');
  const parsed = applyAnswersInput.safeParse({
    articles,
    ...(settings !== undefined ? { settings } : {}),
    ...(intents !== undefined ? { intents } : {}),
  });
  if (!parsed.success) throw new InputError(zodIssues(parsed.error));
  return parsed.data;
}

/** The starter knowledge base of the retail template (the demo shop's): articles, settings, intents. */
export const STARTER_DIR = new URL('../../../templates/answers/retail/', import.meta.url);

/** Applies the starter knowledge base where a workspace has none yet (the demo); true when applied. */
export async function applyStarterIfEmpty(
  kb: {
    list(ws: string): Promise<unknown[]>;
    apply(ws: string, input: ApplyAnswersInput, now: number): Promise<unknown>;
  },
  workspaceId: string,
  now: number,
): Promise<boolean> {
  if ((await kb.list(workspaceId)).length > 0) return false;
  await kb.apply(workspaceId, readAnswersDirectory(fileURLToPath(STARTER_DIR)), now);
  return true;
}
