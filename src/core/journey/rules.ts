import type { JourneyMap, Stage, Touchpoint } from './schema.ts';

type Properties = Record<string, unknown> | undefined;

function matches(where: Record<string, unknown> | undefined, properties: Properties): boolean {
  if (!where) return true;
  if (!properties) return false;
  return Object.entries(where).every(
    ([key, value]) => Object.hasOwn(properties, key) && properties[key] === value,
  );
}

/** Everything ingest and analytics need to look up in a journey map, precomputed once per map. */
export interface JourneyIndex {
  map: JourneyMap;
  touchpoints: Map<string, { touchpoint: Touchpoint; stage: Stage; stageIndex: number }>;
  /** The touchpoint an event belongs to: an explicit one if valid, else the first matching rule. */
  touchpointFor(name: string, properties: Properties): string | null;
  /** Failure ids that an event declares (late delivery, failed payment ...). */
  failuresFor(name: string, properties: Properties): string[];
}

export function indexJourney(map: JourneyMap): JourneyIndex {
  const touchpoints: JourneyIndex['touchpoints'] = new Map();
  const byEvent = new Map<string, string>();
  map.stages.forEach((stage, stageIndex) => {
    for (const touchpoint of stage.touchpoints) {
      touchpoints.set(touchpoint.id, { touchpoint, stage, stageIndex });
      for (const name of touchpoint.events ?? []) byEvent.set(name, touchpoint.id);
    }
  });
  const rulesByEvent = new Map<string, JourneyMap['rules']>();
  for (const rule of map.rules) {
    const list = rulesByEvent.get(rule.event) ?? [];
    list.push(rule);
    rulesByEvent.set(rule.event, list);
  }
  return {
    map,
    touchpoints,
    touchpointFor(name, properties) {
      for (const rule of rulesByEvent.get(name) ?? []) {
        if (matches(rule.where, properties)) return rule.touchpoint;
      }
      return byEvent.get(name) ?? null;
    },
    failuresFor(name, properties) {
      return map.failures.filter((f) => f.event === name && matches(f.where, properties)).map((f) => f.id);
    },
  };
}
