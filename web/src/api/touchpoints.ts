import { http } from './client.ts';
import type { Period } from '../lib/period.ts';

/** GET /v1/touchpoints/:id/feedback: what customers said at one touchpoint. */
export interface TouchpointFeedback {
  distribution: {
    metric: string;
    scale: { min: number; max: number };
    n: number;
    counts: { score: number; n: number }[];
    /** the answers given, by experience, as the server's one definition says */
    experience: { bad: number[]; neutral: number[]; good: number[] };
  }[];
  affected: {
    customers: number;
    /** what `customers` counts, in words */
    population: string;
    byAnswer: number;
    byFailure: { id: string; label: string | null; customers: number }[];
    rule: string;
    list: { id: string; lowResponses: number; failureEvents: number; lastAt: number }[];
  };
  responses: {
    id: string;
    customerId: string;
    metric: string;
    score: number;
    scale: { min: number; max: number };
    comment: string | null;
    timestamp: number;
  }[];
  next: number | null;
}

export const touchpointFeedback = (id: string, period: Period, offset: number, signal?: AbortSignal) =>
  http.get<TouchpointFeedback>(
    `/v1/touchpoints/${encodeURIComponent(id)}/feedback`,
    { from: period.from, to: period.to, comments: 'only', limit: 20, offset },
    signal,
  );
