import { features } from './text.ts';

/** One example phrasing of an intent, as the template ships them. */
export interface Phrasing {
  intent: string;
  text: string;
}

/** A multinomial naive Bayes model over the features of `text.ts`, with add-one smoothing. */
export interface IntentModel {
  intents: string[];
  /** log P(intent) */
  prior: number[];
  /** per intent: feature -> log P(feature | intent); unseen features use `unseen`. */
  likelihood: Map<string, number>[];
  unseen: number[];
}

export interface Classification {
  intent: string;
  /** The posterior of `intent`, from the per-feature average log-likelihoods (see `classify`). */
  confidence: number;
  ranking: { intent: string; confidence: number }[];
}

/**
 * Trains on example phrasings. Naive Bayes needs no iterations and learns from a few dozen
 * phrasings per intent, which is what a template can ship; the held-out accuracy is printed by
 * bench/answers-intents.ts and checked in classifier.test.ts.
 */
export function trainIntents(phrasings: readonly Phrasing[]): IntentModel {
  const intents = [...new Set(phrasings.map((p) => p.intent))].sort();
  if (intents.length < 2) throw new Error('an intent model needs phrasings of at least two intents');
  const counts = intents.map(() => new Map<string, number>());
  const totals = intents.map(() => 0);
  const docs = intents.map(() => 0);
  const vocabulary = new Set<string>();
  for (const p of phrasings) {
    const k = intents.indexOf(p.intent);
    docs[k]!++;
    for (const f of features(p.text)) {
      counts[k]!.set(f, (counts[k]!.get(f) ?? 0) + 1);
      totals[k]!++;
      vocabulary.add(f);
    }
  }
  const v = vocabulary.size;
  const likelihood = counts.map((c, k) => {
    const m = new Map<string, number>();
    for (const [f, n] of c) m.set(f, Math.log((n + 1) / (totals[k]! + v)));
    return m;
  });
  return {
    intents,
    prior: docs.map((d) => Math.log(d / phrasings.length)),
    likelihood,
    unseen: totals.map((t) => Math.log(1 / (t + v))),
  };
}

/**
 * Naive Bayes multiplies one likelihood per feature, and a question has dozens of overlapping
 * n-grams, so its raw posteriors are near 0 or 1 whatever the evidence. Averaging the
 * log-likelihood over the features (a geometric mean) and scaling by `sharpness` gives posteriors
 * that fall when a question shares little with any intent, which the confidence threshold needs.
 */
export function classify(model: IntentModel, text: string, sharpness = 8): Classification {
  const fs = features(text);
  const scores = model.intents.map((_, k) => {
    if (fs.length === 0) return model.prior[k]!;
    let sum = 0;
    for (const f of fs) sum += model.likelihood[k]!.get(f) ?? model.unseen[k]!;
    return model.prior[k]! / fs.length + (sharpness * sum) / fs.length;
  });
  const max = Math.max(...scores);
  const exp = scores.map((s) => Math.exp(s - max));
  const total = exp.reduce((a, b) => a + b, 0);
  const ranking = model.intents
    .map((intent, k) => ({ intent, confidence: exp[k]! / total }))
    .sort((a, b) => b.confidence - a.confidence);
  return { intent: ranking[0]!.intent, confidence: ranking[0]!.confidence, ranking };
}
