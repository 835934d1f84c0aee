import { Command, Option } from 'commander';
import { formatOption, withCommonOptions, type CommonOptions } from '../cli-kit.ts';

/**
 * `cxloop text ...` and `cxloop analyze text`: sentiment of a file of texts (streamed, in order),
 * the analysis of stored comments, comment search and the workspace's themes. The read commands
 * go through a running server when it holds the database (readThrough), so the answer is its
 * HTTP reply. Heavier modules are imported inside the actions: `cxloop --help` loads commander only.
 */

interface SentimentOptions extends CommonOptions {
  model: 'builtin' | 'workspace';
  format: 'jsonl';
}

export function register(program: Command, analyze: Command): void {
  const text = program.command('text').description('sentiment, themes and search over what customers write');

  withCommonOptions(text.command('sentiment <file>'))
    .description(
      'sentiment and themes of each {"id","text"} line of a JSON Lines file, one {"id","label","score","themes"} line each, in order',
    )
    .addOption(
      new Option('--model <model>', 'builtin (English lexicon and rules) or workspace (learned)')
        .choices(['builtin', 'workspace'])
        .default('builtin'),
    )
    .addOption(new Option('--format <format>', 'output format').choices(['jsonl']).default('jsonl'))
    .action(async (file: string, options: SentimentOptions) => {
      const { runSentimentFile } = await import('./cli-sentiment.ts');
      await runSentimentFile(file, options);
    });

  withCommonOptions(text.command('search'))
    .description(
      'comments in a window, newest first, filtered by words (stemmed), touchpoint, score, sentiment, theme, segment',
    )
    .requiredOption('--from <date>', 'start of the window (YYYY-MM-DD or ISO-8601)')
    .requiredOption('--to <date>', 'end of the window (a date includes that day)')
    .option('--q <words>', 'words that must all occur ("delivered" finds "delivery")')
    .option('--touchpoint <id>', 'one touchpoint')
    .option('--metric <metric>', 'nps, csat, ces or rating')
    .option('--score-min <n>', 'lowest score, inclusive')
    .option('--score-max <n>', 'highest score, inclusive')
    .option('--sentiment <label>', 'negative, neutral or positive')
    .option('--theme <id>', 'a theme id (cxloop text themes)')
    .option('--segment <trait:value>', 'customers whose current trait has that value')
    .option('--limit <n>', 'comments per page (at most 200)', '50')
    .option('--offset <n>', 'skip this many', '0')
    .addOption(formatOption())
    .action(async (options: Record<string, string> & CommonOptions) => {
      const { runSearch } = await import('./cli-read.ts');
      await runSearch(options);
    });

  withCommonOptions(text.command('themes'))
    .description("the workspace's themes: discovered, and defined by keywords")
    .addOption(formatOption())
    .action(async (options: CommonOptions & { format: string }) => {
      const { runThemes } = await import('./cli-read.ts');
      await runThemes(options);
    });

  withCommonOptions(text.command('growth'))
    .description('new and growing themes: the window against the period of the same length before it')
    .requiredOption('--from <date>', 'start of the window')
    .requiredOption('--to <date>', 'end of the window (a date includes that day)')
    .option('--touchpoint <id>', 'one touchpoint')
    .addOption(formatOption())
    .action(
      async (options: CommonOptions & { from: string; to: string; touchpoint?: string; format: string }) => {
        const { runGrowth } = await import('./cli-read.ts');
        await runGrowth(options);
      },
    );

  const model = text.command('model').description("the workspace's learned sentiment model");
  withCommonOptions(model.command('show'))
    .description(
      'its cross-validated macro-F1 against the built-in model on the same comments, and when it was trained',
    )
    .addOption(formatOption())
    .action(async (options: CommonOptions & { format: string }) => {
      const { runModelShow } = await import('./cli-read.ts');
      await runModelShow(options);
    });
  withCommonOptions(model.command('train'))
    .description('train it now from the scored comments (the server retrains it as they grow)')
    .addOption(formatOption())
    .action(async (options: CommonOptions & { format: string }) => {
      const { runModelTrain } = await import('./cli-read.ts');
      await runModelTrain(options);
    });

  withCommonOptions(analyze.command('text'))
    .description(
      'what customers wrote in a window: comments, sentiment split, themes with count, share, sentiment, touchpoints',
    )
    .requiredOption('--from <date>', 'start of the window (YYYY-MM-DD or ISO-8601)')
    .requiredOption('--to <date>', 'end of the window (a date includes that day)')
    .option('--touchpoint <id>', 'one touchpoint')
    .addOption(formatOption())
    .action(
      async (options: CommonOptions & { from: string; to: string; touchpoint?: string; format: string }) => {
        const { runAnalyzeText } = await import('./cli-read.ts');
        await runAnalyzeText(options);
      },
    );
}
