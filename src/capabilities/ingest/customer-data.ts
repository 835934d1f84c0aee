import type { CustomerTable } from '../../platform/privacy/customer-data.ts';

/** The ingest capability's customer-level tables (see platform/privacy/customer-data.ts). */
export const INGEST_CUSTOMER_DATA: CustomerTable[] = [
  { table: 'customers', holds: 'the profile: traits, first and last seen', customer: ['id'] },
  {
    table: 'aliases',
    holds: 'anonymous ids merged into the customer',
    customer: ['customer_id'],
    anonymous: ['anonymous_id'],
  },
  { table: 'events', holds: 'interaction events', customer: ['customer_id'], anonymous: ['anonymous_id'] },
  { table: 'feedback', holds: 'feedback: scores and comments', customer: ['customer_id'] },
  {
    table: 'anonymous_traits',
    holds: 'traits sent before the visitor was identified',
    anonymous: ['anonymous_id'],
  },
  {
    table: 'ingest_rejects',
    holds: 'refused Segment messages that name the customer',
    mentions: ['message'],
  },
];
