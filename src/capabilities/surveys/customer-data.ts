import type { CustomerTable } from '../../platform/privacy/customer-data.ts';

/** The surveys capability's customer-level tables (see platform/privacy/customer-data.ts). */
export const SURVEYS_CUSTOMER_DATA: CustomerTable[] = [
  // Before survey_invitations: these rows are found through the invitations' ids.
  {
    table: 'invitation_sends',
    holds: 'delivery attempts of the invitations',
    via: { column: 'invitation_id', table: 'survey_invitations', key: 'id' },
  },
  {
    table: 'survey_invitations',
    holds: 'survey invitations and what became of them',
    customer: ['customer_id'],
  },
  {
    table: 'invitation_decisions',
    holds: 'contact-pressure decisions about the customer',
    customer: ['customer_id'],
  },
  { table: 'survey_answers', holds: 'survey answers, question by question', customer: ['customer_id'] },
  { table: 'unsubscribes', holds: 'unsubscribes', customer: ['customer_id'] },
];
