import { IngestService } from './ingest/service.ts';
import type { RequestValidator } from './ingest/validator.ts';
import { JourneyService } from './journeys/service.ts';
import type { Store } from './store/port.ts';
import type { SurveyConfig } from './surveys/config.ts';
import { SurveyService } from './surveys/service.ts';
import { KeyAuthenticator } from './workspaces/keys.ts';

/** Everything the API, the CLI and workers share, built once over one store. */
export interface Services {
  store: Store;
  journeys: JourneyService;
  ingest: IngestService;
  keys: KeyAuthenticator;
  surveys: SurveyService;
  /** The clock, passed down so that tests and schedulers can set it. */
  now: () => number;
}

export function createServices(
  store: Store,
  now: () => number = Date.now,
  config: { surveys?: SurveyConfig; validator?: RequestValidator } = {},
): Services {
  const journeys = new JourneyService(store);
  const ingest = new IngestService(store, journeys, config.validator);
  return {
    store,
    journeys,
    ingest,
    keys: new KeyAuthenticator(store),
    surveys: new SurveyService(store, ingest, journeys, now, config.surveys),
    now,
  };
}
