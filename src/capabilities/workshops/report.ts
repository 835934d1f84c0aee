/**
 * The workshop report: the team's judgements aggregated, their agreement, the judged matrix through
 * MICMAC, DEMATEL and CIB, and the beliefs set against what customers' data shows (the measured
 * cross-impact matrix and the effort signals) over the workshop's period.
 */
import { toInfluenceMatrix } from '../../core/cross-impact/influence.ts';
import type { Effect } from '../../core/cross-impact/compare.ts';
import { InputError } from '../../core/issues.ts';
import { aggregate } from '../../core/workshops/aggregate.ts';
import { compareBeliefs, type BeliefOptions } from '../../core/workshops/beliefs.ts';
import { cibFromInfluence } from '../../core/workshops/cib-input.ts';
import { disagreementGap } from '../../core/workshops/cells.ts';
import { quadrantShifts } from '../../core/workshops/quadrant-shift.ts';
import { INFLUENCE_SCALE } from '../../core/workshops/scales.ts';
import type { Services } from '../graph.ts';
import { crossImpact } from '../understand/cross-impact/service.ts';
import { API_MAX_NODES, runCib, runDematel, runMicmac } from '../understand/structural/analyses.ts';
import type { WorkshopReport } from './contract.ts';
import { measuredEffort, REPEAT_DAYS } from './measured-effort.ts';
import { assignmentOf, workshopView } from './service.ts';
import { judgements, participants } from './store.ts';

/** An analysis, or the reason it has no answer (an all-zero matrix, a CIB search too large). */
function orReason<T>(run: () => T): T | { error: string } {
  try {
    return run();
  } catch (error) {
    if (error instanceof InputError)
      return { error: error.issues.map((i) => i.message).join('; ') || error.message };
    throw error;
  }
}

export async function workshopReport(
  services: Services,
  workspaceId: string,
  id: string,
  options: BeliefOptions = {},
): Promise<WorkshopReport> {
  const w = await services.workshops.get(workspaceId, id);
  const assignment = assignmentOf(w);
  const people = await participants(services.store, workspaceId, id);
  // Participants by name; a name two people share gets its seat, so their judgements stay apart.
  const label = new Map(
    people.map((p) => [
      p.seat,
      people.filter((q) => q.name === p.name).length > 1 ? `${p.name} (seat ${p.seat + 1})` : p.name,
    ]),
  );
  const stored = await judgements(services.store, workspaceId, id);
  const ids = w.touchpoints.map((t) => t.id);
  const agg = aggregate(
    ids,
    assignment.pairs,
    stored.map((j) => ({ ...j, participant: label.get(j.seat) ?? `seat ${j.seat + 1}` })),
  );

  // The measured matrix over the touchpoints still on the journey map (a map edited since the
  // workshop may have dropped one: its pairs are then "not measured").
  const journey = await services.journeys.get(workspaceId);
  const onMap = ids.filter((t) => journey.touchpoints.has(t));
  const measured = await crossImpact(services, workspaceId, {
    from: w.window.from,
    to: w.window.to,
    touchpoints: onMap,
  });
  const effects = new Map<string, Effect>(measured.pairs.map((p) => [`${p.from}\u0000${p.to}`, p]));
  const beliefs = compareBeliefs(
    agg.pairs.map((p) => ({ from: p.from, to: p.to, summary: p.summary })),
    effects,
    options,
  );
  const influence = toInfluenceMatrix(measured, { scale: '0-3' });

  const judgedMicmac = orReason(() =>
    runMicmac({ variables: agg.matrix.variables, matrix: agg.matrix.matrix }),
  );
  const measuredMicmac =
    influence.input.variables.length === 0
      ? { error: 'no touchpoint of the workshop has signals in the period' }
      : orReason(() => runMicmac(influence.input));
  const quadrantsOf = (m: typeof judgedMicmac) =>
    'error' in m ? null : { variables: m.variables, quadrants: m.quadrants };

  const window = { from: new Date(w.window.from), to: new Date(w.window.to) };
  const effort = await measuredEffort(services.store, workspaceId, window, ids);
  const actions = await services.workshops.actions(workspaceId, id);
  const byPair = new Map(beliefs.pairs.map((p) => [`${p.from}\u0000${p.to}`, p]));

  return {
    workshop: workshopView(w),
    participants: people.length,
    definitions: {
      disagreement: `a cell with at least two judgements whose lowest and highest differ by ${disagreementGap(INFLUENCE_SCALE)} or more points (influence 0-3; effort and importance 1-5 likewise by 2)`,
      agreement: `${agg.agreement.statistic}. Per participant: the team's influence alpha without them, and Spearman's rho between their judgements and the median of the others' in the same cells`,
      beliefs: beliefs.rule,
      measured: `risk difference of a bad experience at the column touchpoint after a bad versus a good one at the row touchpoint, among customers with signals at both, ${w.window.from} to ${w.window.to} (the cross-impact matrix); customers: ${measured.customers}`,
      effort: `judged effort (1 very low - 5 very high) beside: CES answers at the touchpoint that say high effort (${w.window.from} to ${w.window.to}); customers with a ticket there who opened another there within ${REPEAT_DAYS} days; median hours from a ticket's first to last event`,
    },
    touchpoints: w.touchpoints.map((t, i) => ({
      id: t.id,
      name: t.name,
      effort: agg.touchpoints[i]!.effort,
      importance: agg.touchpoints[i]!.importance,
      measured: effort.get(t.id)!,
    })),
    pairs: agg.pairs.map((p) => byPair.get(`${p.from}\u0000${p.to}`)!),
    agreement: agg.agreement,
    beliefs: { rank: beliefs.rank, level: beliefs.level, rule: beliefs.rule },
    judgedMatrix: agg.matrix,
    measuredMatrix: { ...influence.input, rule: influence.rule, customers: measured.customers },
    analyses: {
      judged: {
        micmac: judgedMicmac,
        dematel: orReason(() => runDematel({ variables: agg.matrix.variables, matrix: agg.matrix.matrix })),
        cib: orReason(() =>
          runCib(cibFromInfluence(agg.matrix.variables, agg.matrix.matrix), { limit: 20 }, API_MAX_NODES),
        ),
      },
      measured: { micmac: measuredMicmac },
      quadrants: quadrantShifts(ids, quadrantsOf(judgedMicmac), quadrantsOf(measuredMicmac)),
    },
    actions,
  };
}
