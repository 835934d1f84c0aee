import { http } from './client.ts';
import type { Interval } from './analytics.ts';
import type { MicmacResult } from './types.ts';
import type { Period } from '../lib/period.ts';

/** The understand APIs: the data-driven cross-impact matrix, key drivers and what-if. */

export interface EffectGroup {
  n: number;
  events: number;
  rate: number | null;
}

export interface Effect {
  status: 'ok' | 'insufficient';
  reason?: string;
  n: number;
  /** customers with a bad experience at the touchpoint */
  exposed: EffectGroup;
  /** customers with a good experience there */
  unexposed: EffectGroup;
  riskDifference: { estimate: number; ci95: Interval } | null;
  lift: { estimate: number; ci95: Interval; corrected: boolean } | null;
  p: number | null;
  q: number | null;
  significant: boolean;
}

export interface PairEffect extends Effect {
  from: string;
  to: string;
}

export interface OutcomeEffect extends Effect {
  touchpoint: string;
}

export interface CrossImpactAnswer {
  customers: number;
  touchpoints: {
    id: string;
    name: string;
    stage: string;
    customers: number;
    bad: number;
    badShare: number | null;
  }[];
  withoutSignals: string[];
  pairs: PairEffect[];
  riskDifference: (number | null)[][];
  lift: (number | null)[][];
  outcomes: { id: string; label: string; definition: string; measured: number; effects: OutcomeEffect[] }[];
  notes: string[];
  warnings: string[];
  influence?: {
    input: { variables: string[]; matrix: number[][] };
    unmeasured: { from: string; to: string }[];
    rule: string;
    micmac?: MicmacResult | { error: string };
  };
}

export type DriverQuadrant =
  'concentrate-here' | 'keep-up-the-good-work' | 'low-priority' | 'possible-overkill';

export interface Driver {
  name: string;
  rank: number;
  lmg: number;
  lmgShare: number;
  relativeWeight: number;
  relativeWeightShare: number;
  beta: number;
  p: number;
  r: number;
  /** performance: the driver's mean score */
  mean: number;
  quadrant: DriverQuadrant;
}

export interface DriversAnswer {
  ok?: boolean;
  /** why no model could be fitted (ok: false): too few customers, a constant outcome ... */
  error?: { code: string; message: string };
  outcomeDefinition?: string;
  rescaled?: boolean;
  outcome: string;
  n: number;
  r2: number;
  adjustedR2?: number;
  fTest?: { p: number };
  model?: string;
  drivers?: Driver[];
  quadrants?: {
    importance: 'lmgShare' | 'relativeWeightShare';
    thresholds: { importance: { rule: string; value: number }; performance: { rule: string; value: number } };
  };
  excluded?: { name: string; reason: string; message: string }[];
  notes?: string[];
  warnings?: string[];
}

export interface Estimate {
  estimate: number;
  ci95?: Interval | null;
}

/** The what-if answer: the direct effect from the driver model, the indirect one through the matrix. */
export interface WhatIfAnswer {
  ok: boolean;
  error?: { code: string; message: string };
  touchpoint: string;
  outcome: string;
  outcomeDefinition?: string;
  unit: string;
  change?: {
    kind: 'lift' | 'reduce-bad';
    deltaScore: number;
    badShareBefore: number;
    badShareAfter: number;
    deltaBad: number;
  };
  baseline?: number;
  expected?: Estimate;
  direct?: Estimate;
  indirect?: Estimate;
  total?: Estimate;
  /** the indirect effect, touchpoint by touchpoint */
  paths?: { touchpoint: string; riskDifference: number | null; contribution: number }[];
  unmeasured?: string[];
  assumptions: string[];
  notes: string[];
}

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
