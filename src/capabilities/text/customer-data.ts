import type { CustomerTable } from '../../platform/privacy/customer-data.ts';

/**
 * The text capability's customer-level tables. A comment's reading keeps its stems (words of
 * the comment), so it goes with the customer's feedback rows; it must come before `feedback`
 * in CUSTOMER_DATA, which erasure deletes in order.
 */
export const TEXT_CUSTOMER_DATA: CustomerTable[] = [
  {
    table: 'text_comments',
    holds: "the reading of each comment: language, sentiment and the comment's stems",
    via: { column: 'feedback_id', table: 'feedback', key: 'id' },
  },
];
