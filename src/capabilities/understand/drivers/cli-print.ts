import type { DriverAnalysis } from '../../../core/drivers/types.ts';
import { printTable } from '../../cli-kit.ts';
import type { CsvDriverAnalysis } from './csv.ts';

const fmt = (x: number, digits = 3): string =>
  Math.abs(x) < 1e-4 && x !== 0 ? x.toExponential(1) : x.toFixed(digits);
/** p-values below the double range underflow to 0; say "<" rather than print a false exact zero. */
const formatP = (p: number): string =>
  p === 0 ? '< 1e-300' : p < 0.001 ? `= ${p.toExponential(2)}` : `= ${p.toFixed(3)}`;
const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const QUADRANTS = new Set<string>([
  'concentrate-here',
  'keep-up-the-good-work',
  'low-priority',
  'possible-overkill',
]);
const shortP = (p: number): string => (p < 0.001 ? '<0.001' : p.toFixed(3));

/** A driver analysis as people read it: the model, the ranked drivers, then what was left out and why. */
export function printReadable(result: DriverAnalysis & { source?: CsvDriverAnalysis['source'] }): void {
  const out = (line = ''): void => void process.stdout.write(line + '\n');
  const hints = (): void => result.source?.hints.forEach((h) => out(`hint: ${h}`));
  if (!result.ok) {
    out(`cannot analyse "${result.outcome}": ${result.error.message} [${result.error.code}]`);
    out(`rows read: ${result.rowsRead}, complete rows: ${result.n}`);
    for (const e of result.excluded) out(`excluded: ${e.message}`);
    hints();
    return;
  }
  const kind = result.outcomeKind === 'binary' ? 'binary 0/1, linear probability model' : 'numeric';
  out(`Key drivers of "${result.outcome}" (${kind})`);
  out(
    `n = ${result.n} of ${result.rowsRead} rows; R² = ${fmt(result.r2)} (adjusted ${fmt(result.adjustedR2)}); ` +
      `F(${result.fTest.df1}, ${result.fTest.df2}) = ${result.fTest.f === null ? '∞' : result.fTest.f.toFixed(1)}, p ${formatP(result.fTest.p)}`,
  );
  out();
  printTable(
    result.drivers.map((d) => ({
      rank: d.rank,
      driver: d.kind === 'categorical' ? `${d.name} (${d.levels.length + 1} levels)` : d.name,
      'LMG share': pct(d.lmgShare),
      'RW share': pct(d.relativeWeightShare),
      LMG: fmt(d.lmg, 4),
      beta: d.kind === 'numeric' ? fmt(d.beta) : '-',
      test: d.test.kind === 't' ? 't' : `F(${d.test.df1})`,
      p: shortP(d.p),
      'p Holm': shortP(d.pAdjusted),
      r: fmt(d.r),
      mean: d.kind === 'numeric' ? d.mean.toFixed(2) : '-',
      performance: d.performance === null ? '-' : pct(d.performance),
      quadrant: d.quadrant,
    })),
  );
  const categorical = result.drivers.filter((d) => d.kind === 'categorical');
  if (categorical.length > 0) {
    out();
    out('levels of the categorical drivers (b: difference from the reference level, others held fixed)');
    printTable(
      categorical.flatMap((d) => [
        {
          driver: d.name,
          level: `${d.reference.level} (reference)`,
          n: d.reference.n,
          b: '0',
          '95% CI': '',
          p: '',
        },
        ...d.levels.map((l) => ({
          driver: d.name,
          level: l.level,
          n: l.n,
          b: fmt(l.b),
          '95% CI': `${fmt(l.ci95[0])} to ${fmt(l.ci95[1])}`,
          p: shortP(l.p),
        })),
      ]),
    );
  }
  const t = result.quadrants.thresholds;
  out();
  out(`evidence: ${result.evidence.rule}`);
  out(
    `quadrants: importance = ${result.quadrants.importance} (cut ${t.importance.rule} ${fmt(t.importance.value, 4)}), ` +
      `performance = share of the scale (cut ${t.performance.rule} ${pct(t.performance.value)})`,
  );
  // A driver without a quadrant says why, so a blank never reads as "fine".
  for (const d of result.drivers)
    if (!QUADRANTS.has(d.quadrant)) out(`${d.name}: ${d.quadrant}: ${d.evidence}`);
  for (const e of result.excluded) out(`excluded: ${e.message}`);
  for (const n of result.notes) out(`note: ${n}`);
  for (const w of result.warnings) out(`warning: ${w}`);
  hints();
}
