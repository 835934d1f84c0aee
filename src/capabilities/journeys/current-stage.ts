import type { JourneyMap } from '../../core/journey/schema.ts';
import type { Store } from '../../platform/store/port.ts';
import { epochMs, nullable, num, row, text } from '../../platform/store/rows.ts';
import type { CustomerStage, StageCounts } from './contract.ts';
import { currentStageQuery, STALL_PERCENTILE } from './current-stage-sql.ts';

/**
 * A percentile of fewer moves than this says little about "typical": below it a stage has no
 * typical time and nobody there is called stalled (null, not false).
 */
export const MIN_MOVED_ON = 20;

export const STAGE_RULE =
  `Current stage: the furthest stage, in the map's order, of the customer's current cycle; a purchase ` +
  `followed by an event at a pre-purchase stage (or a repeat purchase) starts a new cycle. Stalled: ` +
  `at the stage longer than the ${Math.round(STALL_PERCENTILE * 100)}th percentile of the time customers ` +
  `who moved on from it spent there (first event at the stage to first event at a later stage), ` +
  `judged only where at least ${MIN_MOVED_ON} customers moved on.`;

const decode = row({
  person: nullable(text),
  stage_no: num,
  entered: nullable(epochMs),
  moved: num,
  p90_s: nullable(num),
});

async function readStages(
  store: Store,
  workspaceId: string,
  map: JourneyMap,
  now: number,
  customerId: string | null,
) {
  const { sql, params } = currentStageQuery(workspaceId, map, new Date(now), customerId);
  const rows = await store.readRows(decode, sql, params);
  const typical = (r: { moved: number; p90_s: number | null }) =>
    r.p90_s !== null && r.moved >= MIN_MOVED_ON ? Math.round(r.p90_s * 1000) : null;
  const byStage = new Map<number, { typicalMs: number | null; movedOn: number }>();
  for (const r of rows)
    if (r.person === null) byStage.set(r.stage_no, { typicalMs: typical(r), movedOn: r.moved });
  const customers = rows.flatMap((r): CustomerStage[] => {
    if (r.person === null || r.entered === null) return [];
    const stage = map.stages[r.stage_no]!;
    const typicalMs = typical(r);
    const inStageMs = now - r.entered;
    return [
      {
        stage: stage.id,
        name: stage.name,
        stageIndex: r.stage_no,
        since: r.entered,
        inStageMs,
        typicalMs,
        movedOn: r.moved,
        stalled: typicalMs === null ? null : inStageMs > typicalMs,
        asOf: now,
      },
    ];
  });
  return { customers, byStage };
}

/** One customer's current stage, or null when they have no event at a journey touchpoint. */
export async function customerStage(
  store: Store,
  workspaceId: string,
  map: JourneyMap,
  now: number,
  customerId: string,
): Promise<CustomerStage | null> {
  return (await readStages(store, workspaceId, map, now, customerId)).customers[0] ?? null;
}

/** How many customers are at each stage now, and how many of them are stalled. */
export async function stageCounts(
  store: Store,
  workspaceId: string,
  map: JourneyMap,
  now: number,
): Promise<StageCounts> {
  const { customers: all, byStage } = await readStages(store, workspaceId, map, now, null);
  const stages = map.stages.map((stage, k) => {
    const here = all.filter((c) => c.stageIndex === k);
    // A stage nobody moved on from has no row in the typical times.
    const { typicalMs, movedOn } = byStage.get(k) ?? { typicalMs: null, movedOn: 0 };
    return {
      stage: stage.id,
      name: stage.name,
      customers: here.length,
      stalled: typicalMs === null ? null : here.filter((c) => c.stalled).length,
      typicalMs,
      movedOn,
    };
  });
  return {
    asOf: now,
    population: `identified customers with at least one event at a journey touchpoint up to ${new Date(now).toISOString()}`,
    rule: STAGE_RULE,
    customers: all.length,
    stages,
  };
}
