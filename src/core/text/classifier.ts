/**
 * The workspace model: TF-IDF over stems and two-stem phrases, and a multinomial logistic
 * regression (softmax, L2-penalised, trained by full passes of Adagrad in a fixed order), written
 * here because it is a few dozen lines and needs no native code. Labels are the three sentiment
 * labels; a comment's score is P(positive) - P(negative), in [-1, 1].
 *
 * Deterministic: the same comments in the same order give the same model (no random draws; the
 * cross-validation folds are every k-th comment).
 */
import { macroF1 } from './f1.ts';
import type { SentimentLabel } from './sentiment.ts';
import { contentWords } from './stems.ts';

export const LABELS: readonly SentimentLabel[] = ['negative', 'neutral', 'positive'];

export interface TrainedModel {
  vocabulary: string[];
  idf: number[];
  /** one row of weights per label, in LABELS order */
  weights: number[][];
  bias: number[];
}

export interface TrainOptions {
  /** a term must occur in this many comments to be a feature */
  minDf: number;
  maxFeatures: number;
  epochs: number;
  learningRate: number;
  l2: number;
}

export const DEFAULT_TRAINING: TrainOptions = {
  minDf: 2,
  maxFeatures: 30_000,
  epochs: 12,
  learningRate: 0.5,
  l2: 1e-4,
};

/** Stems, and stem pairs marked with "_", with the negation kept as a word ("not" is a stopword elsewhere). */
function terms(text: string): string[] {
  const list = contentWords(text).map((w) => w.stem);
  const lower = text.toLowerCase();
  if (/\b(not|no|never|n't|nobody|nothing)\b|n't/.test(lower)) list.push('__neg');
  const out = [...list];
  for (let i = 0; i + 1 < list.length; i++) out.push(`${list[i]}_${list[i + 1]}`);
  return out;
}

type Sparse = { index: number[]; value: number[] };

function vectorise(text: string, lookup: Map<string, number>, idf: readonly number[]): Sparse {
  const counts = new Map<number, number>();
  for (const t of terms(text)) {
    const i = lookup.get(t);
    if (i !== undefined) counts.set(i, (counts.get(i) ?? 0) + 1);
  }
  const index: number[] = [];
  const value: number[] = [];
  let norm = 0;
  for (const [i, c] of counts) {
    const v = (1 + Math.log(c)) * idf[i]!;
    index.push(i);
    value.push(v);
    norm += v * v;
  }
  norm = Math.sqrt(norm) || 1;
  for (let k = 0; k < value.length; k++) value[k]! /= norm;
  return { index, value };
}

function softmax(z: number[]): number[] {
  const max = Math.max(...z);
  const e = z.map((x) => Math.exp(x - max));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / sum);
}

function scores(model: TrainedModel, x: Sparse): number[] {
  return model.bias.map((b, c) => {
    let s = b;
    const w = model.weights[c]!;
    for (let k = 0; k < x.index.length; k++) s += w[x.index[k]!]! * x.value[k]!;
    return s;
  });
}

export function train(
  docs: readonly { text: string; label: SentimentLabel }[],
  options: TrainOptions = DEFAULT_TRAINING,
): TrainedModel {
  const df = new Map<string, number>();
  for (const d of docs) for (const t of new Set(terms(d.text))) df.set(t, (df.get(t) ?? 0) + 1);
  const vocabulary = [...df.entries()]
    .filter(([, n]) => n >= options.minDf)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, options.maxFeatures)
    .map(([t]) => t);
  const lookup = new Map(vocabulary.map((t, i) => [t, i]));
  const idf = vocabulary.map((t) => Math.log((1 + docs.length) / (1 + df.get(t)!)) + 1);
  const model: TrainedModel = {
    vocabulary,
    idf,
    weights: LABELS.map(() => new Array<number>(vocabulary.length).fill(0)),
    bias: LABELS.map(() => 0),
  };
  const xs = docs.map((d) => vectorise(d.text, lookup, idf));
  const ys = docs.map((d) => LABELS.indexOf(d.label));
  // Adagrad: a rare term's weight keeps a large step, a frequent one's settles.
  const g2 = LABELS.map(() => new Array<number>(vocabulary.length).fill(1e-8));
  const gb = LABELS.map(() => 1e-8);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let n = 0; n < xs.length; n++) {
      const x = xs[n]!;
      const p = softmax(scores(model, x));
      for (let c = 0; c < LABELS.length; c++) {
        const err = p[c]! - (ys[n] === c ? 1 : 0);
        const w = model.weights[c]!;
        const g = g2[c]!;
        for (let k = 0; k < x.index.length; k++) {
          const i = x.index[k]!;
          const grad = err * x.value[k]! + options.l2 * w[i]!;
          g[i]! += grad * grad;
          w[i]! -= (options.learningRate * grad) / Math.sqrt(g[i]!);
        }
        gb[c]! += err * err;
        model.bias[c]! -= (options.learningRate * err) / Math.sqrt(gb[c]!);
      }
    }
  }
  return model;
}

/** A model's reading of a text: the most probable label, and P(positive) - P(negative). */
export function classify(
  model: TrainedModel,
  text: string,
  lookup = vocabularyIndex(model),
): { label: SentimentLabel; score: number } {
  const p = softmax(scores(model, vectorise(text, lookup, model.idf)));
  let best = 0;
  for (let c = 1; c < p.length; c++) if (p[c]! > p[best]!) best = c;
  return { label: LABELS[best]!, score: Math.round((p[2]! - p[0]!) * 1e4) / 1e4 };
}

export const vocabularyIndex = (model: TrainedModel) => new Map(model.vocabulary.map((t, i) => [t, i]));

/** k-fold cross-validated macro-F1 (fold f holds every k-th comment from f), and the predictions. */
export function crossValidate(
  docs: readonly { text: string; label: SentimentLabel }[],
  k = 5,
  options: TrainOptions = DEFAULT_TRAINING,
): number {
  const predicted: SentimentLabel[] = new Array<SentimentLabel>(docs.length);
  for (let fold = 0; fold < k; fold++) {
    const model = train(
      docs.filter((_, i) => i % k !== fold),
      options,
    );
    const lookup = vocabularyIndex(model);
    docs.forEach((d, i) => {
      if (i % k === fold) predicted[i] = classify(model, d.text, lookup).label;
    });
  }
  return macroF1(
    docs.map((d) => d.label),
    predicted,
  ).macroF1;
}
