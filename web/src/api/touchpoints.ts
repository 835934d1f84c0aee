import { http } from './client.ts';
import type { Period } from '../lib/period.ts';

import type * as measure from '../../../src/capabilities/measure/contract.ts';

/** GET /v1/touchpoints/:id/feedback: what customers said at one touchpoint (type from the contract). */
export type TouchpointFeedback = measure.TouchpointFeedback;

export const touchpointFeedback = (id: string, period: Period, offset: number, signal?: AbortSignal) =>
  http.get<TouchpointFeedback>(
    `/v1/touchpoints/${encodeURIComponent(id)}/feedback`,
    { from: period.from, to: period.to, comments: 'only', limit: 20, offset },
    signal,
  );
