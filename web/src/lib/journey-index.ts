import { useEffect, useState } from 'preact/hooks';
import { journey } from '../api/endpoints.ts';
import type { JourneyMap, Stage, Touchpoint } from '../api/types.ts';

export interface JourneyIndex {
  map: JourneyMap;
  touchpoints: Map<string, { touchpoint: Touchpoint; stage: Stage }>;
  stages: Map<string, Stage>;
}

// The map changes rarely; one request per page load serves every page that names touchpoints.
let pending: Promise<JourneyIndex> | null = null;

export function loadJourneyIndex(): Promise<JourneyIndex> {
  pending ??= journey().then((map) => ({
    map,
    stages: new Map(map.stages.map((s) => [s.id, s])),
    touchpoints: new Map(
      map.stages.flatMap((stage) => stage.touchpoints.map((t) => [t.id, { touchpoint: t, stage }])),
    ),
  }));
  pending.catch(() => (pending = null));
  return pending;
}

/** The journey map by id, once loaded (undefined before): pages use it to name touchpoints and stages. */
export function useJourneyIndex(): JourneyIndex | undefined {
  const [index, setIndex] = useState<JourneyIndex>();
  useEffect(() => {
    let live = true;
    loadJourneyIndex().then(
      (loaded) => live && setIndex(loaded),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return index;
}

export const touchpointName = (index: JourneyIndex | undefined, id: string) =>
  index?.touchpoints.get(id)?.touchpoint.name ?? id;

export const stageName = (index: JourneyIndex | undefined, id: string) => index?.stages.get(id)?.name ?? id;
