import { DomainEvents, type DeliveryOptions } from '../platform/events/delivery.ts';
import type { Store } from '../platform/store/port.ts';
import { inlineRunner, type TaskRunner } from '../platform/workers/task.ts';
import { IngestService } from './ingest/service.ts';
import type { RequestValidator } from './ingest/validator.ts';
import { JourneyService } from './journeys/service.ts';
import type { SurveyConfig } from './surveys/config.ts';
import { SurveyService } from './surveys/service.ts';
import { TextService } from './text/service.ts';
import { WorkflowService } from './workflows/service.ts';
import { AnswersService } from './answers/service.ts';
import { MESSAGE_FIELDS, RecommendationService } from './recommendations/service.ts';
import { KeyAuthenticator } from './workspaces/keys.ts';
import { DataLoads } from './workspaces/data-loads.ts';
import { WorkshopService } from './workshops/service.ts';
import { Suppressions } from '../platform/privacy/suppression.ts';
import { PrivacyService } from './privacy/service.ts';
import { CUSTOMER_DATA } from './customer-data.ts';
import { PeopleService, type PeopleConfig } from './people/service.ts';

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
  workshops: ['journeys', 'understand', 'workspaces'],
  text: ['ingest', 'workspaces'],
  privacy: ['workspaces'],
  workflows: ['ingest', 'journeys', 'surveys', 'workspaces'],
  people: ['workspaces'],
  answers: ['ingest', 'surveys', 'workspaces'],
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
  workshops: WorkshopService;
  /** Sentiment, themes and search over comments. */
  text: TextService;
  /** Erased customers' hashes: THE check before storing or messaging a customer (platform/privacy). */
  suppressions: Suppressions;
  /** Audit log reads, data subject export and erasure, retention. */
  privacy: PrivacyService;
  workflows: WorkflowService;
  /** Users, their sessions and roles, invitations, resets, TOTP; the roles of keys users make. */
  people: PeopleService;
  answers: AnswersService;
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
    people?: Partial<PeopleConfig>;
  } = {},
): Services {
  const events = new DomainEvents(store, now, config.events);
  const journeys = new JourneyService(store, now);
  const suppressions = new Suppressions(store);
  const ingest = new IngestService(
    store,
    journeys,
    config.validator,
    events,
    config.ingestEarliest,
    suppressions,
  );
  const surveys = new SurveyService(store, ingest, journeys, events, now, config.surveys);
  const workflows = new WorkflowService(store, ingest, journeys, surveys, events, now, suppressions);
  const recommendations = new RecommendationService(store, now);
  // Workflows may not import recommendations (the graph): the composition root hands its data to
  // templates and branches as `recommendations.items` / `recommendations.count`, at most 3 per
  // message, from a model reused for a few minutes per workspace.
  workflows.provideData('recommendations', MESSAGE_FIELDS, (workspaceId, customerId) =>
    recommendations.forMessage(workspaceId, customerId, 3),
  );
  return {
    store,
    journeys,
    ingest,
    keys: new KeyAuthenticator(store, undefined, config.localToken),
    workshops: new WorkshopService(store, journeys, now),
    text: new TextService(store, ingest, events, now),
    suppressions,
    privacy: new PrivacyService(store, suppressions, now, CUSTOMER_DATA),
    surveys,
    workflows,
    people: new PeopleService(store, now, { adminEmail: 'admin@localhost', ...config.people }),
    answers: new AnswersService(store, ingest, surveys, events, now),
    recommendations,
    events,
    heavy: config.heavy ?? inlineRunner,
    loads: new DataLoads(),
    now,
  };
}
