import { whatIf, type WhatIfInput } from '../../../core/what-if/what-if.ts';
import { defineTask } from '../../../platform/workers/task.ts';

/** The what-if Monte Carlo (up to 100,000 draws over 24 drivers) runs in the pool, off the serving thread. */
export const monteCarloTask = defineTask('what-if.monte-carlo', (input: WhatIfInput) => whatIf(input));
