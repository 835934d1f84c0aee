import { InputError, zodIssues } from '../../core/issues.ts';
import { parseWindow } from '../../platform/time/window.ts';
import { printJson, printTable, readThrough, withServices, type CommonOptions } from '../cli-kit.ts';
import type { ModelFigures } from './workspace-model.ts';
import {
  feedbackSearchQuery,
  type FeedbackSearch,
  type TextAnalysis,
  type ThemeGrowthReply,
} from './contract.ts';
import type { StoredTheme } from './themes.ts';

/** The read commands of `cxloop text` and `cxloop analyze text`: the HTTP reply, or the same answer from the file. */

function windowOf(from: string, to: string) {
  const parsed = parseWindow(from, to, { from: '--from', to: '--to' });
  if (!parsed.window) throw new InputError(parsed.issues);
  return parsed.window;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const signed = (x: number | null) => (x === null ? '' : x.toFixed(2));

export async function runAnalyzeText(
  options: CommonOptions & { from: string; to: string; touchpoint?: string; format: string },
) {
  const window = windowOf(options.from, options.to);
  const query: Record<string, string> = { from: options.from, to: options.to };
  if (options.touchpoint) query.touchpoint = options.touchpoint;
  const { answer } = await readThrough<TextAnalysis>(
    options,
    async (services, workspaceId) => {
      // Without a server nothing delivered the domain events: read what is pending first.
      await services.text.catchUp(workspaceId);
      return services.text.analyse(workspaceId, window, options.touchpoint);
    },
    { method: 'GET', path: '/v1/analyze/text', query },
  );
  if (options.format === 'json') return printJson(answer);
  const s = answer.sentiment;
  const of = (n: number) => (answer.comments ? ` (${pct(n / answer.comments)})` : '');
  process.stdout.write(
    `${answer.comments} comments from ${options.from} to ${options.to}${options.touchpoint ? ` at ${options.touchpoint}` : ''}: ` +
      `${s.negative} negative${of(s.negative)}, ${s.neutral} neutral${of(s.neutral)}, ${s.positive} positive${of(s.positive)}` +
      `${answer.comments - s.negative - s.neutral - s.positive ? `, ${answer.comments - s.negative - s.neutral - s.positive} in a language the model does not read` : ''}\n\n`,
  );
  printTable(
    answer.themes.map((t) => ({
      theme: t.label,
      id: t.id,
      comments: t.comments,
      share: pct(t.share),
      'mean sentiment': signed(t.sentiment),
      touchpoints: t.touchpoints
        .slice(0, 3)
        .map((x) => `${x.id} (${x.comments})`)
        .join(', '),
      terms: t.terms.slice(0, 4).join(', '),
    })),
  );
}

export async function runSearch(options: Record<string, string> & CommonOptions) {
  const raw: Record<string, string> = {};
  const names: Record<string, string> = { scoreMin: 'score-min', scoreMax: 'score-max' };
  for (const key of [
    'from',
    'to',
    'q',
    'touchpoint',
    'metric',
    'scoreMin',
    'scoreMax',
    'sentiment',
    'theme',
    'segment',
    'limit',
    'offset',
  ])
    if (options[key] !== undefined) raw[key] = options[key];
  const parsed = feedbackSearchQuery.safeParse(raw);
  if (!parsed.success)
    throw new InputError(
      zodIssues(parsed.error).map((i) => ({ ...i, path: `--${names[i.path] ?? i.path}` })),
    );
  const { from, to, ...filters } = parsed.data;
  const window = windowOf(from, to);
  const { answer } = await readThrough<FeedbackSearch>(
    options,
    async (services, workspaceId) => {
      await services.text.catchUp(workspaceId);
      return services.text.search(workspaceId, window, filters);
    },
    { method: 'GET', path: '/v1/feedback', query: raw },
  );
  if (options.format === 'json') return printJson(answer);
  process.stdout.write(`${answer.total} comments match; showing ${answer.items.length}\n\n`);
  printTable(
    answer.items.map((i) => ({
      at: i.at.slice(0, 16).replace('T', ' '),
      touchpoint: i.touchpoint,
      score: `${i.metric} ${i.score}`,
      sentiment: i.sentiment?.label ?? (i.sentiment ? `(${i.sentiment.language})` : ''),
      comment: i.comment.length > 80 ? `${i.comment.slice(0, 77)}...` : i.comment,
    })),
  );
}

export async function runThemes(options: CommonOptions & { format: string }) {
  const { answer } = await readThrough<{ themes: StoredTheme[] }>(
    options,
    async (services, workspaceId) => {
      await services.text.catchUp(workspaceId);
      return { themes: await services.text.themes(workspaceId) };
    },
    { method: 'GET', path: '/v1/text/themes' },
  );
  if (options.format === 'json') return printJson(answer);
  printTable(
    answer.themes.map((t) => ({
      id: t.id,
      kind: t.kind,
      label: t.label,
      terms: t.terms.slice(0, 6).join(', '),
    })),
  );
}

export async function runGrowth(
  options: CommonOptions & { from: string; to: string; touchpoint?: string; format: string },
) {
  const window = windowOf(options.from, options.to);
  const query: Record<string, string> = { from: options.from, to: options.to };
  if (options.touchpoint) query.touchpoint = options.touchpoint;
  const { answer } = await readThrough<ThemeGrowthReply>(
    options,
    async (services, workspaceId) => {
      await services.text.catchUp(workspaceId);
      return services.text.growth(workspaceId, window, options.touchpoint);
    },
    { method: 'GET', path: '/v1/text/themes/growth', query },
  );
  if (options.format === 'json') return printJson(answer);
  process.stdout.write(
    `${answer.test}, alpha ${answer.alpha}; before = ${answer.before.from} to ${answer.before.to}\n\n`,
  );
  printTable(
    answer.themes.map((t) => ({
      theme: t.label,
      status: t.status,
      before: `${t.before.theme}/${t.before.total} (${pct(t.before.share)})`,
      now: `${t.now.theme}/${t.now.total} (${pct(t.now.share)})`,
      p: t.p === null ? '' : t.p.toPrecision(2),
      'p (Holm)': t.pAdjusted === null ? '' : t.pAdjusted.toPrecision(2),
    })),
  );
}

function printModel(figures: ModelFigures | null, format: string) {
  if (format === 'json') return printJson({ model: figures });
  if (!figures) {
    process.stdout.write(
      'no workspace model yet: it is trained once the workspace holds enough scored comments in English\n',
    );
    return;
  }
  process.stdout.write(
    `workspace model trained ${figures.trainedAt} on ${figures.comments} scored comments\n` +
      `5-fold cross-validated macro-F1 ${figures.cvMacroF1.toFixed(3)}; built-in model on the same comments ${figures.builtinMacroF1.toFixed(3)}\n` +
      `${figures.better ? 'the workspace model is better on this data' : 'the built-in model is as good or better on this data'}\n`,
  );
}

export async function runModelShow(options: CommonOptions & { format: string }) {
  const { answer } = await readThrough<{ model: ModelFigures | null }>(
    options,
    async (services, workspaceId) => ({ model: await services.text.model(workspaceId) }),
    { method: 'GET', path: '/v1/text/model' },
  );
  printModel(answer.model, options.format);
}

export async function runModelTrain(options: CommonOptions & { format: string }) {
  const figures = await withServices(options, async (services, workspace) => {
    await services.text.catchUp(workspace.id);
    return services.text.trainModel(workspace.id);
  });
  printModel(figures, options.format);
}
