import type { Services } from '../services.ts';
import type { KeyKind } from '../store/port.ts';
import type { Metrics } from './metrics.ts';

/** What middleware puts on the request context for handlers. */
export interface AppEnv {
  Variables: {
    services: Services;
    workspaceId: string;
    keyKind: KeyKind;
    metrics: Metrics;
  };
}
