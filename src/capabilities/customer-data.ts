import { PLATFORM_CUSTOMER_DATA, type CustomerTable } from '../platform/privacy/customer-data.ts';
import { INGEST_CUSTOMER_DATA } from './ingest/customer-data.ts';
import { SURVEYS_CUSTOMER_DATA } from './surveys/customer-data.ts';
import { TEXT_CUSTOMER_DATA } from './text/customer-data.ts';
import { WORKFLOWS_CUSTOMER_DATA } from './workflows/customer-data.ts';

/**
 * Every table that holds customer-level data, declared by the capability that owns it. A new
 * capability with such a table adds its `customer-data.ts` here (tests/customer-data.test.ts fails
 * until it does). Tables reached `via` another come before it: erasure deletes in this order.
 */
export const CUSTOMER_DATA: CustomerTable[] = [
  ...SURVEYS_CUSTOMER_DATA,
  ...TEXT_CUSTOMER_DATA,
  ...WORKFLOWS_CUSTOMER_DATA,
  ...INGEST_CUSTOMER_DATA,
  ...PLATFORM_CUSTOMER_DATA,
];

/**
 * Tables whose names look customer-ish but hold no customer: checked by the same test, so each
 * exemption is a decision written down. privacy_suppressions holds salted hashes only.
 */
export const NOT_CUSTOMER_DATA: Record<string, string> = {
  privacy_suppressions: 'salted hashes of erased customers, never ids',
  users: 'staff who sign in to the dashboard, not customers (people capability)',
  memberships: "staff's roles in workspaces",
  user_sessions: "staff's dashboard sessions",
  one_time_links: "staff's invitation, reset and sign-in links",
  answers_settings: "the workspace's own support address, where hand-offs go",
  audit_log:
    'its actors are staff and API keys (user_agent is theirs); customers appear only as salted hashes (PrivacyService.customerTarget)',
};
