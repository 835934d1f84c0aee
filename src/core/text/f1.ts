/** Macro-averaged F1 over the labels that occur in the truth or the predictions. */
export function macroF1<L extends string>(
  truth: readonly L[],
  predicted: readonly L[],
): { macroF1: number; perLabel: Record<string, number> } {
  if (truth.length !== predicted.length) throw new Error('truth and predictions differ in length');
  const labels = [...new Set([...truth, ...predicted])].sort();
  const perLabel: Record<string, number> = {};
  for (const label of labels) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (let i = 0; i < truth.length; i++) {
      if (predicted[i] === label && truth[i] === label) tp++;
      else if (predicted[i] === label) fp++;
      else if (truth[i] === label) fn++;
    }
    perLabel[label] = tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  }
  const values = Object.values(perLabel);
  return { macroF1: values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0, perLabel };
}
