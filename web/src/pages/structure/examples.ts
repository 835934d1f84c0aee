import type { CibInput, InfluenceInput } from '../../api/types.ts';
// The published CIB tutorial matrix, shared with the server's tests so both check the same numbers.
import { SOMEWHERELAND } from '../../../../src/core/structural/examples.ts';

/**
 * A journey-mapping workshop's scores for a retail shop: how strongly each touchpoint (row)
 * influences each other one (column), 0 none to 3 strong, "P" a potential influence.
 */
export const RETAIL_INFLUENCE: InfluenceInput = {
  variables: ['Ads', 'Product pages', 'Checkout', 'Payment', 'Delivery', 'Returns', 'Support', 'Reviews'],
  matrix: [
    [0, 2, 0, 0, 0, 0, 0, 1],
    [1, 0, 2, 0, 0, 1, 1, 1],
    [0, 1, 0, 3, 1, 0, 1, 0],
    [0, 0, 2, 0, 0, 0, 2, 1],
    [0, 0, 0, 0, 0, 2, 3, 3],
    [0, 0, 0, 1, 1, 0, 2, 2],
    [0, 1, 0, 0, 'P', 2, 0, 2],
    [2, 3, 1, 0, 0, 0, 0, 0],
  ],
};

export const CIB_EXAMPLE: CibInput = SOMEWHERELAND;
