import { DomainEvents, type DeliveryOptions } from '../platform/events/delivery.ts';
import type { Store } from '../platform/store/port.ts';
import { inlineRunner, type TaskRunner } from '../platform/workers/task.ts';
import { IngestService } from './ingest/service.ts';
import type { RequestValidator } from './ingest/validator.ts';
import { JourneyService } from './journeys/service.ts';
import type { SurveyConfig } from './surveys/config.ts';
import { SurveyService } from './surveys/service.ts';
import { RecommendationService } from './recommendations/service.ts';
import { KeyAuthenticator } from './workspaces/keys.ts';
import { DataLoads } from './workspaces/data-loads.ts';

/**
 * The one place that says which capability may use which. A capability imports another's
 * module only when this graph lists it; anything else goes through domain events.
 * tests/architecture.test.ts reads this table, so the graph and the imports cannot drift apart.
 */
export const CAPABILITY_GRAPH = {
  workspaces: [],
  journeys: ['workspaces'],
  customers: ['workspaces'],
  ingest: ['journeys', 'workspaces'],
  measure: ['workspaces'],
  understand: ['measure', 'workspaces'],
  surveys: ['ingest', 'journeys', 'workspaces'],
  recommendations: ['workspaces'],
} as const satisfies Record<string, readonly string[]>;

export type CapabilityName = keyof typeof CAPABILITY_GRAPH;

/** Every capability's service, built once over one store; the API, the CLI and workers share it. */
export interface Services {
  store: Store;
  journeys: JourneyService;
  ingest: IngestService;
  keys: KeyAuthenticator;
  surveys: SurveyService;
  recommendations: RecommendationService;
  /**
   * Delivery of domain events to the capabilities' subscribers: a server starts it, a test
   * drains it; without either, events wait in the outbox for the next server to start.
   */
  events: DomainEvents;
  /** Where CPU-heavy work runs: the server's worker pool, or the calling thread (CLI, tests). */
  heavy: TaskRunner;
  /** Background loads into workspaces that this process runs (the demo data set), with progress. */
  loads: DataLoads;
  /** The clock, passed down so that tests and schedulers can set it. */
  now: () => number;
}

/** Builds each capability's service from the ones the graph says it uses. */
export function createServices(
  store: Store,
  now: () => number = Date.now,
  config: {
    surveys?: SurveyConfig;
    validator?: RequestValidator;
    events?: Partial<DeliveryOptions>;
    heavy?: TaskRunner;
    localToken?: string;
    /** The earliest event timestamp ingest accepts (epoch ms); LIMITS.earliest (1970) when not set. */
    ingestEarliest?: number;
  } = {},
): Services {
  const events = new DomainEvents(store, now, config.events);
  const journeys = new JourneyService(store, now);
  const ingest = new IngestService(store, journeys, config.validator, events, config.ingestEarliest);
  return {
    store,
    journeys,
    ingest,
    keys: new KeyAuthenticator(store, undefined, config.localToken),
    surveys: new SurveyService(store, ingest, journeys, events, now, config.surveys),
    recommendations: new RecommendationService(store),
    events,
    heavy: config.heavy ?? inlineRunner,
    loads: new DataLoads(),
    now,
  };
}
