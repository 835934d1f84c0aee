/**
 * A workshop's judgements summarised: every cell (median, spread, disagreement), the team's
 * agreement per kind of judgement, each participant's agreement with the rest, and the judged
 * influence matrix in the shape the structural analyses read.
 */
import { summariseCell, type CellSummary } from './cells.ts';
import { krippendorffAlpha, type AlphaResult } from './krippendorff.ts';
import { SCALES, type JudgementKind } from './scales.ts';
import { spearman, type RankCorrelation } from './spearman.ts';
import { median } from '../stats/quantiles.ts';

export interface Judgement {
  participant: string;
  kind: JudgementKind;
  /** The touchpoint judged (effort, importance) or the influencing one (influence). */
  from: string;
  /** The influenced touchpoint; '' for effort and importance. */
  to: string;
  /** null: "don't know". */
  value: number | null;
}

export interface TouchpointCells {
  id: string;
  effort: CellSummary;
  importance: CellSummary;
}

export interface PairCell {
  from: string;
  to: string;
  summary: CellSummary;
}

export interface ParticipantAgreement {
  participant: string;
  judgements: number;
  /** Influence alpha of the team without this participant: above the team's, they pull it down. */
  alphaWithout: number | null;
  /**
   * Spearman's rho between their judgements and the median of the others' in the same cells
   * (every kind, each cell judged by at least one other), with its n.
   */
  withOthers: RankCorrelation;
}

export interface Aggregation {
  touchpoints: TouchpointCells[];
  pairs: PairCell[];
  agreement: {
    statistic: string;
    influence: AlphaResult;
    effort: AlphaResult;
    importance: AlphaResult;
    participants: ParticipantAgreement[];
  };
  /** Medians as a matrix (rows influence columns); cells nobody judged are 0 and listed in `unjudged`. */
  matrix: { variables: string[]; matrix: number[][]; unjudged: { from: string; to: string }[] };
}

const cellKey = (j: Pick<Judgement, 'kind' | 'from' | 'to'>) => `${j.kind}\u0000${j.from}\u0000${j.to}`;

function unitsOf(judgements: readonly Judgement[], kind: JudgementKind): number[][] {
  const units = new Map<string, number[]>();
  for (const j of judgements) {
    if (j.kind !== kind || j.value === null) continue;
    const k = cellKey(j);
    units.set(k, [...(units.get(k) ?? []), j.value]);
  }
  return [...units.values()];
}

export function aggregate(
  touchpoints: readonly string[],
  pairs: readonly { from: string; to: string }[],
  judgements: readonly Judgement[],
): Aggregation {
  const byCell = new Map<string, (number | null)[]>();
  for (const j of judgements) byCell.set(cellKey(j), [...(byCell.get(cellKey(j)) ?? []), j.value]);
  const cell = (kind: JudgementKind, from: string, to: string) =>
    summariseCell(byCell.get(cellKey({ kind, from, to })) ?? [], SCALES[kind]);

  const tpCells = touchpoints.map((id) => ({
    id,
    effort: cell('effort', id, ''),
    importance: cell('importance', id, ''),
  }));
  const pairCells = pairs.map((p) => ({ ...p, summary: cell('influence', p.from, p.to) }));

  const index = new Map(touchpoints.map((id, i) => [id, i]));
  const matrix = touchpoints.map(() => touchpoints.map(() => 0));
  const unjudged: { from: string; to: string }[] = [];
  for (const p of pairCells) {
    if (p.summary.median === null) unjudged.push({ from: p.from, to: p.to });
    else matrix[index.get(p.from)!]![index.get(p.to)!] = p.summary.median;
  }

  const participants = [...new Set(judgements.map((j) => j.participant))].sort();
  const influenceOf = (who: string | null) =>
    unitsOf(
      judgements.filter((j) => j.participant !== who),
      'influence',
    );
  const agreement: ParticipantAgreement[] = participants.map((who) => {
    const own = judgements.filter((j) => j.participant === who && j.value !== null);
    const mine: number[] = [];
    const theirs: number[] = [];
    for (const j of own) {
      const others = judgements.filter(
        (o) => o.participant !== who && o.value !== null && cellKey(o) === cellKey(j),
      );
      if (others.length === 0) continue;
      // Effort and importance run 1-5, influence 0-3: scaled to 0-1 so that one rank order holds all.
      const s = SCALES[j.kind];
      mine.push((j.value! - s.min) / (s.max - s.min));
      theirs.push((median(others.map((o) => o.value!))! - s.min) / (s.max - s.min));
    }
    return {
      participant: who,
      judgements: own.length,
      alphaWithout: krippendorffAlpha(influenceOf(who)).alpha,
      withOthers: spearman(mine, theirs),
    };
  });
  return {
    touchpoints: tpCells,
    pairs: pairCells,
    agreement: {
      statistic:
        "Krippendorff's alpha, ordinal metric (handles missing judgements and any number of participants); 1 = full agreement, 0 = no better than chance",
      influence: krippendorffAlpha(influenceOf(null)),
      effort: krippendorffAlpha(unitsOf(judgements, 'effort')),
      importance: krippendorffAlpha(unitsOf(judgements, 'importance')),
      participants: agreement,
    },
    matrix: { variables: [...touchpoints], matrix, unjudged },
  };
}
