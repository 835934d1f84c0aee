import { ID } from './types.ts';

/**
 * The outbox of domain events and the subscribers' cursors (see platform/events). `seq` comes
 * from the identity sequence, taken only under a transaction-scoped advisory lock (see
 * postgres/outbox.ts), so it increases in commit order.
 */
export const OUTBOX_SCHEMA = `
  CREATE TABLE domain_events (
    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workspace_id ${ID} NOT NULL,
    type text NOT NULL,
    payload json NOT NULL,
    created_at timestamptz NOT NULL
  );
  CREATE TABLE event_cursors (
    subscriber text PRIMARY KEY,
    last_seq bigint NOT NULL,
    updated_at timestamptz NOT NULL
  );
`;
