// A small, seeded data set for the analytics tests (not used by production code): feedback on
// several scales and touchpoints, customers with traits, and journeys whose stage order is known.
import { createRandom } from '../../core/demo/random.ts';
import type { EventInput, FeedbackInput, IdentifyInput } from '../../core/ingest/schemas.ts';
import type { JourneyIndex } from '../../core/journey/rules.ts';
import type { FeedbackRow } from '../../core/metrics/aggregate.ts';
import type { Services } from '../graph.ts';

export const FIXTURE_NOW = Date.parse('2025-07-01T00:00:00Z');
const START = Date.parse('2025-01-01T00:00:00Z');
const SPAN = Date.parse('2025-06-30T00:00:00Z') - START;
const DAY = 86_400_000;

const SEGMENTS = ['new', 'regular', 'vip'];
/** touchpoint, metric, optional non-default scale */
const QUESTIONS: [string, FeedbackInput['metric'], { min: number; max: number }?][] = [
  ['delivery', 'csat'],
  ['unboxing', 'csat', { min: 1, max: 7 }],
  ['unboxing', 'csat'],
  ['checkout', 'ces'],
  ['followup-survey', 'nps'],
  ['product-pages', 'rating', { min: 1, max: 10 }],
  ['support-chat', 'rating', { min: 0, max: 4 }],
  ['support-chat', 'rating', { min: 1, max: 5 }],
];

export interface Fixture {
  identifies: IdentifyInput[];
  feedback: FeedbackInput[];
  events: EventInput[];
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Feedback spread over the first half of 2025, with a few answers exactly on bucket edges. */
export function scoreFixture(customers = 60, responses = 1500): Fixture {
  const rng = createRandom(7, 3);
  const identifies: IdentifyInput[] = [];
  for (let c = 1; c <= customers; c++) {
    // every seventh customer has no segment: their rows group under null
    const traits =
      c % 7 === 0
        ? { device: 'mobile' }
        : { segment: rng.pick(SEGMENTS), device: rng.pick(['mobile', 'desktop']) };
    identifies.push({ customerId: `c${c}`, traits, timestamp: iso(START) });
  }
  const edges = [
    '2025-03-03T00:00:00.000Z',
    '2025-03-31T23:59:59.999Z',
    '2025-04-01T00:00:00.000Z',
    '2025-01-01T00:00:00.000Z',
  ];
  const feedback: FeedbackInput[] = [];
  for (let i = 0; i < responses; i++) {
    const [touchpoint, metric, scale] = rng.pick(QUESTIONS);
    const range =
      scale ??
      {
        nps: { min: 0, max: 10 },
        csat: { min: 1, max: 5 },
        ces: { min: 1, max: 7 },
        rating: { min: 1, max: 5 },
      }[metric];
    const score = rng.int(range.min, range.max);
    const timestamp = i < edges.length ? edges[i]! : iso(START + Math.floor(rng.next() * SPAN));
    feedback.push({
      id: `f${i}`,
      customerId: `c${rng.int(1, customers)}`,
      touchpoint,
      metric,
      score,
      ...(scale ? { scale } : {}),
      timestamp,
    });
  }
  return { identifies, feedback, events: [] };
}

/** The same rows as the in-memory reference takes them, with the grouping keys the report offers. */
export function referenceRows(fixture: Fixture, journey: JourneyIndex): FeedbackRow[] {
  const traits = new Map(fixture.identifies.map((i) => [i.customerId, i.traits as Record<string, unknown>]));
  return fixture.feedback.map((f) => {
    const entry = journey.touchpoints.get(f.touchpoint)!;
    const scale =
      f.scale ??
      {
        nps: { min: 0, max: 10 },
        csat: { min: 1, max: 5 },
        ces: { min: 1, max: 7 },
        rating: { min: 0, max: 0 },
      }[f.metric];
    const segment = traits.get(f.customerId)?.segment;
    return {
      touchpoint: f.touchpoint,
      stage: entry.stage.id,
      phase: entry.stage.phase,
      channel: entry.touchpoint.channel,
      'trait:segment': typeof segment === 'string' ? segment : null,
      'trait:device': (traits.get(f.customerId)?.device as string | undefined) ?? null,
      metric: f.metric,
      score: f.score,
      scaleMin: scale.min,
      scaleMax: scale.max,
      timestamp: Date.parse(f.timestamp),
    };
  });
}

/**
 * Journeys for the funnel: each person meets stages at random days, sometimes out of order,
 * sometimes two stages in the same millisecond, sometimes skipping one; some are anonymous.
 */
export function funnelFixture(journey: JourneyIndex, people = 120): Fixture {
  const rng = createRandom(11, 5);
  const events: EventInput[] = [];
  const identifies: IdentifyInput[] = [];
  let id = 0;
  for (let p = 1; p <= people; p++) {
    const anonymous = p % 5 === 0;
    const who = anonymous ? { anonymousId: `a${p}` } : { customerId: `p${p}` };
    if (!anonymous) {
      const traits = { device: rng.pick(['mobile', 'desktop', 'tablet']) };
      identifies.push({ customerId: `p${p}`, traits, timestamp: iso(START) });
    }
    let t = START + Math.floor(rng.next() * 60) * DAY + rng.int(0, 86_399) * 1000;
    for (const stage of journey.map.stages) {
      if (rng.chance(0.15)) continue; // skips this stage
      const touchpoint = rng.pick(stage.touchpoints);
      // mostly forward in time, sometimes back (out of order), sometimes the same instant (a tie)
      const u = rng.next();
      t = u < 0.1 ? t - rng.int(1, 5) * DAY : u < 0.2 ? t : t + rng.int(1, 20) * DAY + rng.int(0, 3_600_000);
      const count = rng.int(1, 3);
      for (let k = 0; k < count; k++) {
        events.push({
          id: `e${++id}`,
          ...who,
          name: 'Fixture Step',
          touchpoint: touchpoint.id,
          timestamp: iso(t + k * 3_600_000),
        });
      }
    }
  }
  return { identifies, feedback: [], events };
}

export async function loadFixture(services: Services, workspaceId: string, fixture: Fixture): Promise<void> {
  const parts = [
    ['identifies', fixture.identifies],
    ['events', fixture.events],
    ['feedback', fixture.feedback],
  ] as const;
  for (const [kind, items] of parts) {
    for (let from = 0; from < items.length; from += 500) {
      await services.ingest.own(workspaceId, kind, { batch: items.slice(from, from + 500) }, FIXTURE_NOW);
    }
  }
}
