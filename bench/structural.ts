// Structural analysis benchmark: prints a table, asserts nothing (run: node --import tsx bench/structural.ts).
// Matrices are generated from fixed seeds, so every run times the same work.
import { parseInfluenceMatrix, type InfluenceMatrix } from '../src/core/structural/matrix-input.ts';
import { micmac } from '../src/core/structural/micmac.ts';
import { dematel } from '../src/core/structural/dematel.ts';
import { scenarioCount, type CibMatrix } from '../src/core/structural/cib-input.ts';
import { bruteForceScenarios } from '../src/core/structural/cib.ts';
import { searchScenarios } from '../src/core/structural/cib-search.ts';
import { randomCibMatrix, randomInfluenceValues } from '../src/core/structural/seeded.ts';

interface Row {
  case: string;
  size: string;
  scenarios: string;
  result: string;
  ms: number;
  note: string;
}

function timed<T>(work: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = work();
  return { value, ms: performance.now() - start };
}

function influenceMatrix(n: number, seed: number): InfluenceMatrix {
  const values = randomInfluenceValues(seed, n, 0.3);
  const parsed = parseInfluenceMatrix({
    variables: Array.from({ length: n }, (_, i) => `v${i + 1}`),
    matrix: Array.from({ length: n }, (_, i) => Array.from(values.subarray(i * n, (i + 1) * n))),
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.matrix;
}

const rows: Row[] = [];
const n = 200;
const influence = influenceMatrix(n, 42);

const mic = timed(() => micmac(influence));
if (!mic.value.ok) throw new Error('micmac failed');
const indirect = mic.value.result.indirect;
rows.push({
  case: 'MICMAC (stop on stable ranking)',
  size: `${n} x ${n}`,
  scenarios: '-',
  result: `power ${indirect.power}, converged ${indirect.converged}`,
  ms: mic.ms,
  note: 'direct + indirect + quadrants',
});

const dem = timed(() => dematel(influence));
if (!dem.value.ok) throw new Error('dematel failed');
rows.push({
  case: 'DEMATEL (LU, T = (I - N)^-1 N)',
  size: `${n} x ${n}`,
  scenarios: '-',
  result: `${dem.value.result.groups.filter((g) => g === 'cause').length} causes`,
  ms: dem.ms,
  note: `${dem.value.result.diagram.arrows.length} arrows above mean(T)`,
});

const cibRow = (label: string, matrix: CibMatrix, slack = 0) => {
  const search = timed(() => searchScenarios(matrix, { maxInconsistency: slack }));
  const r = search.value;
  rows.push({
    case: label,
    size: `${matrix.descriptors.length} descriptors, ${matrix.variants.length} variants`,
    scenarios: scenarioCount(matrix).toLocaleString('en'),
    result: slack
      ? `${r.matchCount} within ${slack}, ${r.consistentCount} consistent`
      : `${r.consistentCount} consistent`,
    ms: search.ms,
    note: `${r.nodes.toLocaleString('en')} nodes visited`,
  });
  return search;
};

// The smaller matrix is enumerated both ways in this run, to measure the naive rate and check equality.
const small = randomCibMatrix(12, Array(12).fill(3));
const brute = timed(() => bruteForceScenarios(small));
const smallSearch = cibRow('CIB pruned search', small);
const same =
  brute.value.map((b) => b.scenario.join()).join('|') ===
  smallSearch.value.found.map((f) => f.scenario.join()).join('|');
rows.push({
  case: 'CIB naive brute force',
  size: '12 descriptors, 36 variants',
  scenarios: scenarioCount(small).toLocaleString('en'),
  result: `${brute.value.length} consistent`,
  ms: brute.ms,
  note: `same list as search: ${same ? 'yes' : 'NO'}; ${(brute.ms / smallSearch.ms).toFixed(0)}x slower`,
});

const unpruned = timed(() => searchScenarios(small, { prune: false }));
rows.push({
  case: 'CIB same search, pruning off',
  size: '12 descriptors, 36 variants',
  scenarios: scenarioCount(small).toLocaleString('en'),
  result: `${unpruned.value.consistentCount} consistent`,
  ms: unpruned.ms,
  note: `incremental balances, every leaf: ${(unpruned.ms / smallSearch.ms).toFixed(0)}x slower`,
});

const nsPerScenario = (brute.ms * 1e6) / scenarioCount(small);
const nsPerLeaf = (unpruned.ms * 1e6) / scenarioCount(small);
const large = randomCibMatrix(17, [...Array(13).fill(3), ...Array(4).fill(4)]);
const largeSearch = cibRow('CIB pruned search', large);
const estimate = (nsPerScenario * scenarioCount(large)) / 1e6;
rows.push({
  case: 'CIB naive brute force (estimated)',
  size: '17 descriptors, 55 variants',
  scenarios: scenarioCount(large).toLocaleString('en'),
  result: '-',
  ms: estimate,
  note: `${nsPerScenario.toFixed(0)} ns/scenario x scenarios; search is ${(estimate / largeSearch.ms).toFixed(0)}x faster`,
});
const leafEstimate = (nsPerLeaf * scenarioCount(large)) / 1e6;
rows.push({
  case: 'CIB same search, pruning off (estimated)',
  size: '17 descriptors, 55 variants',
  scenarios: scenarioCount(large).toLocaleString('en'),
  result: '-',
  ms: leafEstimate,
  note: `${nsPerLeaf.toFixed(0)} ns/scenario x scenarios; pruning is ${(leafEstimate / largeSearch.ms).toFixed(0)}x faster`,
});
cibRow('CIB pruned search, inconsistency <= 1', large, 1);
cibRow(
  'CIB pruned search, sparse (30% cells)',
  randomCibMatrix(170, [...Array(13).fill(3), ...Array(4).fill(4)], 0.3),
);

const headers = ['case', 'size', 'scenarios', 'result', 'time', 'note'] as const;
const cells = rows.map((r) => [r.case, r.size, r.scenarios, r.result, `${r.ms.toFixed(1)} ms`, r.note]);
const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
const line = (values: readonly string[]) => `| ${values.map((v, i) => v.padEnd(widths[i]!)).join(' | ')} |`;
console.log(`node ${process.version}, ${process.arch}`);
console.log(line(headers));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const c of cells) console.log(line(c));
