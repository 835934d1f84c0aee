import { createReadStream, statSync } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { InputError, zodIssues } from '../../core/issues.ts';
import { progressBar } from '../../platform/cli/progress.ts';
import { DomainError } from '../../platform/errors.ts';
import { readThrough, withServices, type CommonOptions } from '../cli-kit.ts';
import type { SentimentLabel } from '../../core/text/sentiment.ts';
import { scoreItem } from './service.ts';
import type { StoredTheme } from './themes.ts';

/**
 * `cxloop text sentiment FILE`: one `{"id","label","score","themes"}` line per `{"id","text"}`
 * line, in order, streamed (memory stays flat for any number of lines). The workspace's themes are
 * read once (from the server when it holds the database); scoring runs here. A line that is not
 * such an object stops the command, naming the line (exit 2): what was printed before it stands.
 */

const line = z.strictObject({ id: z.union([z.string(), z.number()]).transform(String), text: z.string() });

export async function runSentimentFile(
  file: string,
  options: CommonOptions & { model: 'builtin' | 'workspace' },
) {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new DomainError('invalid', `cannot read ${file}`, {
      issues: [{ path: 'FILE', code: 'unreadable', message: `cannot read ${file}` }],
    });
  }
  if (options.model === 'workspace') {
    // The learned model lives in the database and may be trained first: this opens it (a server
    // holding the file is named in the refusal; stop it, or use the HTTP API's model=workspace).
    await withServices(options, async (services, workspace) => {
      const classify = await services.text.classifier(workspace.id);
      await scoreFile(file, size, await services.text.themes(workspace.id), classify);
    });
    return;
  }
  const { answer } = await readThrough<{ themes: StoredTheme[] }>(
    options,
    async (services, workspaceId) => ({ themes: await services.text.themes(workspaceId) }),
    { method: 'GET', path: '/v1/text/themes' },
  );
  await scoreFile(file, size, answer.themes);
}

async function scoreFile(
  file: string,
  size: number,
  themes: readonly StoredTheme[],
  classify?: (text: string) => { label: SentimentLabel; score: number },
) {
  const bar = progressBar('scoring');
  const input = createReadStream(file);
  const lines = createInterface({ input, crlfDelay: Infinity });
  let number = 0;
  let out = '';
  const flush = async () => {
    if (out === '') return;
    const ok = process.stdout.write(out);
    out = '';
    if (!ok) await once(process.stdout, 'drain');
    bar.update(input.bytesRead, size);
  };
  try {
    for await (const text of lines) {
      number++;
      if (text.trim() === '') continue;
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        throw new InputError([{ path: `line ${number}`, code: 'invalid_json', message: 'not JSON' }]);
      }
      const item = line.safeParse(parsed);
      if (!item.success)
        throw new InputError(
          zodIssues(item.error).map((i) => ({ ...i, path: `line ${number}${i.path ? `.${i.path}` : ''}` })),
        );
      const r = scoreItem(item.data, themes, classify);
      out += JSON.stringify({ id: r.id, label: r.label, score: r.score, themes: r.themes }) + '\n';
      if (out.length > 64 * 1024) await flush();
    }
  } finally {
    await flush();
    bar.stop();
  }
}
