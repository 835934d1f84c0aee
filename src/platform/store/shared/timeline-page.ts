// The timeline statement and its cursor live with the DuckDB adapter, which had them first; they
// use only SQL both engines accept (DOUBLE and list() are defined on PostgreSQL), so they are
// shared from there rather than copied.
import { decodeCursor, encodeCursor, TIMELINE_SQL, toTimelineItem } from '../duckdb/timeline.ts';
import type { SqlValue, TimelinePage } from '../port.ts';
import { QUERIES } from './queries.ts';

type Read = (sql: string, params: SqlValue[]) => Promise<Record<string, unknown>[]>;

/** One page of a customer's timeline, read through an adapter's `read()`. */
export async function timelinePage(
  read: Read,
  workspaceId: string,
  customerId: string,
  page: { limit: number; cursor?: string },
): Promise<TimelinePage> {
  const after = page.cursor ? decodeCursor(page.cursor) : null;
  if (page.cursor && !after) throw new RangeError('cursor is not valid');
  const [[customer], rows] = await Promise.all([
    read(QUERIES.timelineCustomer, [workspaceId, customerId]),
    read(TIMELINE_SQL, [
      workspaceId,
      customerId,
      after ? new Date(after[0]) : null,
      after?.[1] ?? '',
      after?.[2] ?? '',
      page.limit + 1,
    ]),
  ]);
  const items = rows.slice(0, page.limit).map(toTimelineItem);
  const last = items[items.length - 1];
  return {
    customer: customer
      ? {
          id: customer.id as string,
          traits: customer.traits ? JSON.parse(customer.traits as string) : {},
          firstSeen: (customer.first_seen as number | null) ?? null,
          lastSeen: (customer.last_seen as number | null) ?? null,
          anonymousIds: (customer.anonymous_ids as string[] | null) ?? [],
        }
      : null,
    items,
    next: rows.length > page.limit && last ? encodeCursor(last) : null,
  };
}
