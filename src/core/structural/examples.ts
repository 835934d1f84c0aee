/**
 * "Somewhereland", the tutorial matrix of the ScenarioWizard manual (Weimer-Jehle, ScenarioWizard 4.1,
 * Fig. 2-2), row by row as printed there: each row leaves out its own descriptor's block, which is
 * empty in the manual and 0 here. Published results to check against: 486 scenarios, ten of them
 * consistent (cross-impact.de, "The CIB algorithm" 4/4), and the balances of A2 B1 C3 D1 E1 F1
 * printed under the matrix (0 3 -3 | 2 1 -3 | -9 -1 10 | -7 7 | 4 -1 -3 | 2 -1 -1).
 */
const SOMEWHERELAND_DESCRIPTORS = [
  { id: 'A. Government', variants: ['A1', 'A2', 'A3'] },
  { id: 'B. Foreign policy', variants: ['B1', 'B2', 'B3'] },
  { id: 'C. Economy', variants: ['C1', 'C2', 'C3'] },
  { id: 'D. Distribution of wealth', variants: ['D1', 'D2'] },
  { id: 'E. Social cohesion', variants: ['E1', 'E2', 'E3'] },
  { id: 'F. Social values', variants: ['F1', 'F2', 'F3'] },
];
const SOMEWHERELAND_PRINTED = [
  '-2 1 1 0 0 0 0 0 -2 1 1 0 0 0',
  '2 1 -3 -2 -1 3 -2 2 0 0 0 2 -1 -1',
  '0 0 0 0 2 -2 3 -3 2 -1 -1 -2 2 0',
  '0 0 0 -2 1 1 0 0 0 0 0 0 0 0',
  '0 0 0 0 1 -1 0 0 1 0 -1 0 0 0',
  '3 -1 -2 3 0 -3 0 0 3 -1 -2 -2 1 1',
  '2 1 -3 0 0 0 -2 2 -3 1 2 0 0 0',
  '-1 2 -1 0 0 0 0 0 0 0 0 0 0 0',
  '0 0 0 0 0 0 -2 2 3 -1 -2 0 0 0',
  '0 0 0 0 0 0 0 0 0 3 -1 -2 -2 1 1',
  '0 -3 3 0 0 0 0 0 0 -3 1 2 2 -1 -1',
  '0 0 0 0 0 0 -2 -1 3 0 0 2 -1 -1',
  '0 0 0 -1 0 1 1 1 -2 0 0 -1 0 1',
  '2 -1 -1 -3 1 2 3 0 -3 0 0 -2 -1 3',
  '0 3 -3 0 0 0 -3 0 3 -3 3 -2 1 1',
  '1 -2 1 0 0 0 -1 2 -1 2 -2 2 -1 -1',
  '0 0 0 0 0 0 -1 2 -1 1 -1 2 -1 -1',
];

function expand(): { descriptors: typeof SOMEWHERELAND_DESCRIPTORS; matrix: number[][] } {
  const owner = SOMEWHERELAND_DESCRIPTORS.flatMap((d, i) => d.variants.map(() => i));
  const matrix = SOMEWHERELAND_PRINTED.map((line, r) => {
    const printed = line.split(' ').map(Number);
    return owner.map((d) => (d === owner[r] ? 0 : printed.shift()!));
  });
  return { descriptors: SOMEWHERELAND_DESCRIPTORS, matrix };
}

/** CIB input (`{descriptors, matrix}`) for Somewhereland. */
export const SOMEWHERELAND = expand();
