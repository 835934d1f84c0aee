import type { CustomerTable } from '../../platform/privacy/customer-data.ts';

/** The workflows capability's customer-level tables (see platform/privacy/customer-data.ts). */
export const WORKFLOWS_CUSTOMER_DATA: CustomerTable[] = [
  {
    table: 'workflow_runs',
    holds: "each workflow run of the customer, with the trigger event's fields it carries",
    customer: ['customer_id'],
  },
  {
    table: 'workflow_log',
    holds: 'every step a run of the customer passed: sent, delayed, suppressed, failed, and why',
    customer: ['customer_id'],
  },
  { table: 'consents', holds: 'consent per channel and purpose', customer: ['customer_id'] },
];
