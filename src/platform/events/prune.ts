import type { Store } from '../store/port.ts';
import { num, row, text } from '../store/rows.ts';

/**
 * Deletes the outbox rows that every subscriber has passed and that were appended before
 * `before` (epoch ms), and returns how many went. Safe at any time, from any process:
 *
 * - Only the named subscribers count (those this code registers; a cursor left by a removed one
 *   holds nothing back). Until each of them has a cursor, nothing goes: one without a cursor
 *   reads from the first row.
 * - Cursors only move forward, so rows below the lowest one read here stay passed.
 * - The newest row always stays: DuckDB numbers new rows after the highest one stored
 *   (DuckDbOutbox.load), and a number reused below a cursor would never be delivered.
 */
export async function pruneOutbox(
  store: Store,
  subscribers: readonly string[],
  before: number,
): Promise<number> {
  if (subscribers.length === 0) return 0;
  const names = subscribers.map((_, i) => `$${i + 1}`).join(', ');
  const cursors = await store.readRows(
    row({ subscriber: text, last_seq: num }),
    `SELECT subscriber, last_seq FROM event_cursors WHERE subscriber IN (${names})`,
    [...subscribers],
  );
  if (cursors.length < new Set(subscribers).size) return 0;
  const passed = Math.min(...cursors.map((c) => c.last_seq));
  const [deleted] = await store.write([
    {
      sql: `DELETE FROM domain_events
            WHERE seq <= $1 AND created_at < $2 AND seq < (SELECT max(seq) FROM domain_events)`,
      params: [passed, new Date(before)],
    },
  ]);
  return deleted?.changed ?? 0;
}
