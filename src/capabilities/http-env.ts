import type { Services } from './graph.ts';
import type { KeyKind } from '../platform/store/port.ts';
import type { Metrics } from '../platform/http/metrics.ts';
import type { Principal } from '../platform/auth/principal.ts';

/** What middleware puts on the request context for handlers. */
export interface AppEnv {
  Variables: {
    services: Services;
    workspaceId: string;
    keyKind: KeyKind;
    /** Who the request acts as (set by requireKey), for the role check and the audit log. */
    principal: Principal;
    metrics: Metrics;
    /** Ingest: when the request arrived, and its body after Content-Encoding. */
    receivedAt: number;
    ingestBody: Uint8Array<ArrayBuffer>;
    /** Ingest: the write key sent as `writeKey` in the body (no Authorization header). */
    bodyKey: string;
  };
}
