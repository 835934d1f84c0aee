/**
 * The ordered stage funnel. A customer counts for stage k + 1 only if they count for stage k
 * and first reached k + 1 no earlier than they first reached k: someone who bought before ever
 * "considering" is not a converted considerer, and a customer who skips a stage leaves the funnel
 * there even if they show up later on.
 */
import { quartiles, type QuartileSummary } from '../stats/quantiles.ts';
import { wilsonInterval } from './proportion.ts';
import type { Interval } from './score-types.ts';

export interface CustomerStageReach {
  customerId: string;
  /** first time (ms) each stage was reached; absent or null when never reached */
  reached: Readonly<Record<string, number | null | undefined>>;
}

export interface FunnelOptions {
  /**
   * Whether reaching stage k + 1 in the same millisecond as stage k counts as in order.
   * Default true: ties are common when one event marks two stages (an order both ends
   * consideration and is the purchase) or when imported timestamps are coarse, and a tie does
   * not contradict the order. With false, only strictly later reaches count (SQL: `>` vs `>=`).
   */
  countTies?: boolean;
}

export interface FunnelStage {
  stage: string;
  /** customers who reached this stage in order */
  customers: number;
  /** customers / previous stage's customers (0..1); null for the first stage or after an empty one */
  conversionRate: number | null;
  /** Wilson 95 % interval of conversionRate (0..1) */
  conversionCi95: Interval | null;
  /** previous stage's customers who did not reach this one; 0 for the first stage */
  dropOff: number;
  /** 1 - conversionRate */
  dropOffRate: number | null;
  /** customers / first stage's customers */
  overallRate: number | null;
  /** ms from the previous stage to this one over the customers counted here; null for the first */
  timeFromPrevious: QuartileSummary | null;
}

export interface Funnel {
  stages: FunnelStage[];
}

function validateStages(stageOrder: readonly string[]): void {
  if (stageOrder.length === 0) throw new RangeError('a funnel needs at least one stage');
  if (new Set(stageOrder).size !== stageOrder.length) throw new RangeError('funnel stages must be unique');
}

function reachTime(customer: CustomerStageReach, stage: string): number | null {
  const value = customer.reached[stage];
  if (value === undefined || value === null) return null;
  if (!Number.isFinite(value)) {
    throw new RangeError(`customer ${customer.customerId}: reached.${stage} must be finite ms, got ${value}`);
  }
  return value;
}

export function computeFunnel(
  customers: Iterable<CustomerStageReach>,
  stageOrder: readonly string[],
  options: FunnelOptions = {},
): Funnel {
  validateStages(stageOrder);
  const countTies = options.countTies ?? true;
  const counts = new Array<number>(stageOrder.length).fill(0);
  const durations: number[][] = stageOrder.map(() => []);
  const seen = new Set<string>();
  for (const customer of customers) {
    if (seen.has(customer.customerId)) {
      // two records would each claim to be the "first" reach; the caller must merge them
      throw new RangeError(`customer ${customer.customerId} appears more than once`);
    }
    seen.add(customer.customerId);
    let previous: number | null = null;
    for (let k = 0; k < stageOrder.length; k++) {
      const at = reachTime(customer, stageOrder[k] as string);
      if (at === null) break;
      if (previous !== null && (countTies ? at < previous : at <= previous)) break;
      counts[k] = (counts[k] as number) + 1;
      if (previous !== null) (durations[k] as number[]).push(at - previous);
      previous = at;
    }
  }
  return {
    stages: funnelStagesFromCounts(
      stageOrder,
      counts,
      durations.map((d, k) => (k === 0 ? null : quartiles(d))),
    ),
  };
}

/**
 * Stage rows from the customers counted at each stage and the time from the previous one:
 * conversion from the previous stage with its Wilson interval, drop-off and overall rate. Shared
 * by computeFunnel and by the SQL path, which counts in the database and brings only these back.
 */
export function funnelStagesFromCounts(
  stageOrder: readonly string[],
  counts: readonly number[],
  durations: readonly (QuartileSummary | null)[],
): FunnelStage[] {
  const first = counts[0] ?? 0;
  return stageOrder.map((stage, k) => {
    const reached = counts[k] ?? 0;
    if (k === 0) {
      return {
        stage,
        customers: reached,
        conversionRate: null,
        conversionCi95: null,
        dropOff: 0,
        dropOffRate: null,
        overallRate: reached > 0 ? 1 : null,
        timeFromPrevious: null,
      };
    }
    const before = counts[k - 1] ?? 0;
    const conversionRate = before > 0 ? reached / before : null;
    return {
      stage,
      customers: reached,
      conversionRate,
      conversionCi95: before > 0 ? wilsonInterval(reached, before) : null,
      dropOff: before - reached,
      dropOffRate: conversionRate === null ? null : (before - reached) / before,
      overallRate: first > 0 ? reached / first : null,
      timeFromPrevious: durations[k] ?? null,
    };
  });
}

/** One funnel per group (channel, segment, ...); groups are sorted, null last. */
export function computeFunnelBy<G extends string | number | null>(
  customers: Iterable<CustomerStageReach>,
  stageOrder: readonly string[],
  groupOf: (customer: CustomerStageReach) => G,
  options: FunnelOptions = {},
): { group: G; funnel: Funnel }[] {
  const groups = new Map<G, CustomerStageReach[]>();
  for (const customer of customers) {
    const group = groupOf(customer);
    const members = groups.get(group);
    if (members) members.push(customer);
    else groups.set(group, [customer]);
  }
  const keys = [...groups.keys()].sort((a, b) => {
    if (a === b) return 0;
    if (a === null) return 1;
    if (b === null) return -1;
    if (typeof a === 'number' && typeof b === 'number') return a - b;
    return String(a) < String(b) ? -1 : 1;
  });
  return keys.map((group) => ({
    group,
    funnel: computeFunnel(groups.get(group) ?? [], stageOrder, options),
  }));
}
