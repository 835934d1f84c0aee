import { generateDemoInSlices } from '../../core/demo/generate.ts';
import type { EventInput, FeedbackInput } from '../../core/ingest/schemas.ts';
import type { Services } from '../../capabilities/graph.ts';
import { applyStarterIfEmpty } from '../../capabilities/answers/directory.ts';

export interface DemoLoadOptions {
  seed?: number;
  customers?: number;
  months?: number;
  /** Where the data ends (epoch ms); default the services' clock. A resumed load passes the first one's. */
  now?: number;
  /** Called between slices of generating and after each stored batch, for progress bars and banners. */
  onProgress?: (phase: 'generating' | 'storing', done: number, total: number) => void;
  /**
   * Awaited between slices and batches. A server passes a turn of the event loop, so requests are
   * answered while the demo loads in the background; the CLI passes nothing and runs straight through.
   */
  between?: () => Promise<void>;
  /** Asked between batches: true ends the load early (a server shutting down); a later load resumes. */
  stop?: () => boolean;
}

const BATCH = 2000;

/**
 * Generates the demo data set for the workspace's journey map and stores it through the same
 * ingest service the API uses, so the demo exercises the real validation and storage path.
 *
 * Identifies go first; events and feedback then go in time order together, so that while it loads
 * the dashboard fills in month by month with both, rather than all events before any score. Each
 * kind is stored in the order it always was, so the stored data is the same. Every item has an id
 * derived from `now`, so loading again with the same `now` stores only what is missing.
 */
export async function loadDemo(services: Services, workspaceId: string, options: DemoLoadOptions = {}) {
  const journey = await services.journeys.get(workspaceId);
  const now = options.now ?? services.now();
  // The demo shop's help widget answers from the starter articles (templates/answers/retail).
  await applyStarterIfEmpty(services.answers.kb, workspaceId, now);
  const slices = generateDemoInSlices(journey.map, {
    seed: options.seed,
    customers: options.customers,
    months: options.months,
    now,
  });
  let next = slices.next();
  for (; !next.done; next = slices.next()) {
    options.onProgress?.('generating', next.value.done, next.value.total);
    await options.between?.();
  }
  const data = next.value;
  const total = data.identifies.length + data.events.length + data.feedback.length;
  let done = 0;
  let stored = 0;
  let duplicates = 0;
  const store = async (kind: 'identifies' | 'events' | 'feedback', batch: unknown[]) => {
    if (batch.length === 0) return;
    const reply = await services.ingest.own(workspaceId, kind, { batch }, now);
    stored += reply.stored;
    duplicates += reply.duplicates;
    done += batch.length;
    options.onProgress?.('storing', done, total);
    await options.between?.();
  };
  const counts = {
    customers: data.identifies.length,
    events: data.events.length,
    feedback: data.feedback.length,
  };
  for (let from = 0; from < data.identifies.length; from += BATCH) {
    if (options.stop?.()) return { ...counts, stored, duplicates, complete: false };
    await store('identifies', data.identifies.slice(from, from + BATCH));
  }
  for (const { events, feedback } of inTimeOrder(data.events, data.feedback, BATCH)) {
    if (options.stop?.()) return { ...counts, stored, duplicates, complete: false };
    await store('events', events);
    await store('feedback', feedback);
  }
  return { ...counts, stored, duplicates, complete: true };
}

/**
 * Both lists (each already in time order) cut into chunks of `size` items in their joint time order:
 * each chunk holds the next events and the next feedback, each list's order unchanged. Timestamps
 * are ISO strings of one format (the generator's), so they compare as strings.
 */
function* inTimeOrder(events: EventInput[], feedback: FeedbackInput[], size: number) {
  let e = 0;
  let f = 0;
  while (e < events.length || f < feedback.length) {
    const startE = e;
    const startF = f;
    while (e - startE + (f - startF) < size && (e < events.length || f < feedback.length)) {
      if (f >= feedback.length || (e < events.length && events[e]!.timestamp <= feedback[f]!.timestamp)) e++;
      else f++;
    }
    yield { events: events.slice(startE, e), feedback: feedback.slice(startF, f) };
  }
}
