/**
 * One table that holds customer-level data, as its owner declares it (each capability's
 * `customer-data.ts`, the platform's below, all combined in `capabilities/customer-data.ts`).
 * Export reads, and erasure deletes, the rows of a workspace that match any of these columns.
 * `tests/customer-data.test.ts` fails when a migrated table with a customer-ish column is not
 * declared, so a new table cannot silently keep an erased customer.
 */
export interface CustomerTable {
  table: string;
  /** What the rows are, for the reader of an export. */
  holds: string;
  /** Columns equal to the customer id. */
  customer?: string[];
  /** Columns equal to one of the customer's merged anonymous ids. */
  anonymous?: string[];
  /** Columns equal to the customer's email (compared in lower case). */
  email?: string[];
  /** JSON text columns that may name the customer anywhere inside (as a JSON string). */
  mentions?: string[];
  /** Rows that belong to another table's rows of this customer: `column` IN (its `key`s). */
  via?: { column: string; table: string; key: string };
  /**
   * How erasure removes them: delete (the default), or `neutralise` for the outbox, whose rows
   * must stay numbered (a reused number below a subscriber's cursor would never be delivered):
   * their type and payload are overwritten instead.
   */
  erase?: 'delete' | 'neutralise';
}

/** The platform's own tables that can hold a customer. */
export const PLATFORM_CUSTOMER_DATA: CustomerTable[] = [
  {
    table: 'domain_events',
    holds: 'domain events (what the data caused), whose payloads may name the customer',
    mentions: ['payload'],
    erase: 'neutralise',
  },
  { table: 'jobs', holds: 'durable jobs whose payload names the customer', mentions: ['payload'] },
  {
    table: 'message_sends',
    holds: 'the send log of emails (and webhooks) to the customer',
    email: ['recipient'],
    mentions: ['detail'],
  },
];
