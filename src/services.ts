import { IngestService } from './ingest/service.ts';
import { JourneyService } from './journeys/service.ts';
import type { Store } from './store/port.ts';
import { KeyAuthenticator } from './workspaces/keys.ts';

/** Everything the API, the CLI and workers share, built once over one store. */
export interface Services {
  store: Store;
  journeys: JourneyService;
  ingest: IngestService;
  keys: KeyAuthenticator;
  /** The clock, passed down so that tests and schedulers can set it. */
  now: () => number;
}

export function createServices(store: Store, now: () => number = Date.now): Services {
  const journeys = new JourneyService(store);
  return {
    store,
    journeys,
    ingest: new IngestService(store, journeys),
    keys: new KeyAuthenticator(store),
    now,
  };
}
