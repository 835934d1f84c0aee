import { generateDemo } from '../../core/demo/generate.ts';
import type { Services } from '../../capabilities/graph.ts';

export interface DemoLoadOptions {
  seed?: number;
  customers?: number;
  months?: number;
  /** Called as items are stored, for progress bars. */
  onProgress?: (done: number, total: number) => void;
}

const BATCH = 2000;

/**
 * Generates the demo data set for the workspace's journey map and stores it through the same
 * ingest service the API uses, so the demo exercises the real validation and storage path.
 */
export async function loadDemo(services: Services, workspaceId: string, options: DemoLoadOptions = {}) {
  const journey = await services.journeys.get(workspaceId);
  const now = services.now();
  const data = generateDemo(journey.map, {
    seed: options.seed,
    customers: options.customers,
    months: options.months,
    now,
  });
  const total = data.identifies.length + data.events.length + data.feedback.length;
  let done = 0;
  let stored = 0;
  let duplicates = 0;
  const parts = [
    ['identifies', data.identifies],
    ['events', data.events],
    ['feedback', data.feedback],
  ] as const;
  for (const [kind, items] of parts) {
    for (let from = 0; from < items.length; from += BATCH) {
      const batch = items.slice(from, from + BATCH);
      const reply = await services.ingest.own(workspaceId, kind, { batch }, now);
      stored += reply.stored;
      duplicates += reply.duplicates;
      done += batch.length;
      options.onProgress?.(done, total);
    }
  }
  return {
    customers: data.identifies.length,
    events: data.events.length,
    feedback: data.feedback.length,
    stored,
    duplicates,
  };
}
