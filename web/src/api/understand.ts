import { http } from './client.ts';
import type { Period } from '../lib/period.ts';

import type * as contract from '../../../src/capabilities/understand/contract.ts';

/** The understand APIs: the data-driven cross-impact matrix, key drivers and what-if (types from the contract). */

export type CrossImpactAnswer = contract.CrossImpactAnswer;
export type WhatIfAnswer = contract.WhatIfAnswer;
export type DriversAnswer = contract.StoredDriverAnswer;
export type PairEffect = CrossImpactAnswer['pairs'][number];
export type OutcomeEffect = CrossImpactAnswer['outcomes'][number]['effects'][number];
export type Effect = Omit<PairEffect, 'from' | 'to'>;
export type EffectGroup = Effect['exposed'];
/** A fitted driver model (ok: true). */
export type DriversFit = Extract<DriversAnswer, { ok: true }>;
export type Driver = DriversFit['drivers'][number];
export type DriverQuadrant = Driver['quadrant'];
export type Estimate = NonNullable<WhatIfAnswer['total']>;

export interface WhatIfQuestion {
  touchpoint: string;
  /** points on the touchpoint's score scale, or null to halve its bad experiences */
  lift: number | null;
  outcome: DriverOutcome;
}

export const DRIVER_OUTCOMES = ['nps', 'repeat-purchase', 'churn'] as const;
export type DriverOutcome = (typeof DRIVER_OUTCOMES)[number];

const windowOf = (period: Period) => ({ from: period.from, to: period.to });

export const understand = {
  whatIf: (period: Period, question: WhatIfQuestion, signal?: AbortSignal) =>
    http.post<WhatIfAnswer>(
      '/v1/analyze/what-if',
      {
        ...windowOf(period),
        touchpoint: question.touchpoint,
        outcome: question.outcome,
        ...(question.lift === null ? { halveBad: true } : { lift: question.lift }),
      },
      signal,
    ),
  drivers: (period: Period, outcome: DriverOutcome, signal?: AbortSignal) =>
    http.post<DriversAnswer>('/v1/analyze/drivers', { ...windowOf(period), outcome }, signal),
  crossImpact: (period: Period, signal?: AbortSignal) =>
    http.post<CrossImpactAnswer>(
      '/v1/analyze/cross-impact',
      { ...windowOf(period), influence: { micmac: true } },
      signal,
    ),
};
