import type { Command } from 'commander';
import type { AnswersReport, ArticleDetail } from './contract.ts';
import type { KnowledgeBase } from './knowledge-base.ts';
import {
  formatOption,
  printJson,
  printTable,
  readThrough,
  withCommonOptions,
  withServices,
  type CommonOptions,
} from '../cli-kit.ts';

type Format = CommonOptions & { format: string };
type ArticleList = { articles: Awaited<ReturnType<KnowledgeBase['list']>> };

const percent = (rate: number | null) => (rate === null ? '-' : `${(rate * 100).toFixed(1)} %`);
const interval = (s: { low: number | null; high: number | null }) =>
  s.low === null || s.high === null ? '' : `${percent(s.low)} to ${percent(s.high)}`;

export function register(program: Command) {
  const answers = program
    .command('answers')
    .description('self-service answers: the knowledge base, intents and the help widget report');

  withCommonOptions(answers.command('apply <dir>'))
    .description(
      'replace the knowledge base with a folder: *.md articles with front matter (also in articles/), answers.yaml settings, intents.yaml phrasings (templates/answers/retail is the starter)',
    )
    .action(async (dir: string, options: CommonOptions) => {
      const { readAnswersDirectory } = await import('./directory.ts');
      const input = readAnswersDirectory(dir);
      await withServices(options, async (services, workspace) => {
        const applied = await services.answers.kb.apply(workspace.id, input, services.now());
        process.stdout.write(
          `knowledge base applied: ${applied.articles} articles in ${applied.languages.join(', ') || 'no language'}; ` +
            `support address ${applied.settings.supportEmail ?? 'not set (no hand-off)'}, return window ${applied.settings.returnWindowDays} days\n`,
        );
      });
    });

  withCommonOptions(answers.command('list'))
    .description('list the articles')
    .addOption(formatOption())
    .action(async (options: Format) => {
      const { answer } = await readThrough<ArticleList>(
        options,
        async (services, workspaceId) => ({ articles: await services.answers.kb.list(workspaceId) }),
        { method: 'GET', path: '/v1/answers/articles' },
      );
      if (options.format === 'json') return printJson(answer.articles);
      printTable(
        answer.articles.map((a) => ({
          id: a.id,
          title: a.title,
          languages: a.languages.join(' '),
          touchpoint: a.touchpoint ?? '',
          tags: a.tags.join(' '),
          audience: a.public ? 'public' : 'customers',
        })),
      );
    });

  withCommonOptions(answers.command('show <id>'))
    .description('one article: its front matter and Markdown')
    .option('--language <code>', 'the version in this language (default: English, else the first)')
    .addOption(formatOption())
    .action(async (id: string, options: Format & { language?: string }) => {
      const query = options.language ? `?language=${encodeURIComponent(options.language)}` : '';
      const { answer: a } = await readThrough<ArticleDetail>(
        options,
        async (services, workspaceId) => {
          const s = await services.answers.kb.show(workspaceId, id, options.language);
          return { ...s, touchpoint: s.touchpoint ?? null, stage: s.stage ?? null };
        },
        { method: 'GET', path: `/v1/answers/articles/${encodeURIComponent(id)}${query}` },
      );
      if (options.format === 'json') return printJson(a);
      process.stdout.write(
        `${a.title} (${a.id}, ${a.language}, ${a.public ? 'public' : 'customers only'})\n` +
          `touchpoint: ${a.touchpoint ?? '-'}  stage: ${a.stage ?? '-'}  tags: ${a.tags.join(', ') || '-'}\n\n${a.markdown}\n`,
      );
    });

  withCommonOptions(answers.command('report'))
    .description(
      'deflection, answer success by intent and article, unanswered questions, CES after self-service',
    )
    .option('--from <date>', 'first day, YYYY-MM-DD (default 30 days ago)')
    .option('--to <date>', 'day after the last, YYYY-MM-DD (default tomorrow)')
    .addOption(formatOption())
    .action(async (options: Format & { from?: string; to?: string }) => {
      const params = new URLSearchParams();
      if (options.from) params.set('from', options.from);
      if (options.to) params.set('to', options.to);
      const { answer: r } = await readThrough<AnswersReport>(
        options,
        (services, workspaceId) => services.answers.report(workspaceId, options, services.now()),
        { method: 'GET', path: `/v1/answers/report?${params}` },
      );
      if (options.format === 'json') return printJson(r);
      const d = r.deflection;
      process.stdout.write(
        `Self-service, ${r.period.from} to ${r.period.to} (exclusive)\n\n` +
          `Deflection: ${percent(d.rate.rate)} (${d.rate.successes} of ${d.rate.n}; 95 % interval ${interval(d.rate) || '-'})\n` +
          `  population: ${d.population}\n  not counted: ${d.pending} younger than 72 hours, ${d.anonymous} anonymous\n\n` +
          'Answer success by intent (helped = "yes" votes among votes):\n',
      );
      printTable(
        r.byIntent.map((i) => ({
          intent: i.intent,
          asked: i.asked,
          votes: i.helped.n,
          helped: percent(i.helped.rate),
          '95 % interval': interval(i.helped),
        })),
      );
      process.stdout.write('\nArticles given as the answer (searched):\n');
      printTable(
        r.byArticle.map((a) => ({
          article: a.article,
          shown: a.shown,
          votes: a.helped.n,
          helped: percent(a.helped.rate),
          '95 % interval': interval(a.helped),
        })),
      );
      process.stdout.write('\nUnanswered or not helped, grouped by key term (what to write next):\n');
      printTable(
        r.unanswered.map((u) => ({ term: u.term, questions: u.questions, examples: u.examples.join(' | ') })),
      );
      process.stdout.write(
        `\nCES after self-service: n = ${r.ces.n}, mean ${r.ces.mean === null ? '-' : r.ces.mean.toFixed(2)} on 1-7, ` +
          `easy ${percent(r.ces.easy.rate)} (${interval(r.ces.easy) || '-'})\n  population: ${r.ces.population}\n`,
      );
    });
}
