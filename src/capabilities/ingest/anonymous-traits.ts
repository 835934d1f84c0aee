import type { IngestRows } from '../../core/ingest/batch.ts';
import type { AnonymousTraitsRow, IdentifyRow } from '../../core/ingest/rows.ts';
import type { Store } from '../../platform/store/port.ts';
import { epochMs, nullable, row, text } from '../../platform/store/rows.ts';

const aliasRow = row({ anonymous_id: text, customer_id: text });
const traitsRow = row({ anonymous_id: text, traits: nullable(text), ts: epochMs });
const customerTraitsRow = row({ id: text, traits: nullable(text) });

const placeholders = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => `$${from + i}`).join(', ');

/**
 * Traits of visitors not yet identified (a Segment identify with only an anonymousId).
 *
 * They are kept per message in `anonymous_traits`. When an identify or alias links an anonymous id
 * to a customer, the traits waiting there go into that customer's traits, before the linking call's
 * own (so what the customer said when identified wins). An anonymous identify for an id already
 * linked goes to its customer at once, filling in only the keys the customer does not have yet:
 * such a message was sent before the visitor identified (after that, SDKs send the user id), so it
 * must not override what the customer said when identified, even when it arrives later (SDKs send
 * batches concurrently and retry them). Both become ordinary identify rows, so the stores' one
 * trait-merging path does the work in the same transaction as the rest of the batch.
 */
export class AnonymousTraits {
  constructor(private readonly store: Store) {}

  /**
   * Stores the anonymous rows (a re-sent message once) and returns the batch's identify rows with
   * the merges added, and how many rows were added (they are not messages of the request).
   */
  async merge(
    workspaceId: string,
    rows: IngestRows,
    anonymous: AnonymousTraitsRow[],
  ): Promise<{ rows: IngestRows; added: number; stored: number }> {
    let stored = 0;
    if (anonymous.length) {
      const values = anonymous.map((_, i) => `($1, ${placeholders(2 + i * 4, 4)})`).join(', ');
      const [result] = await this.store.write([
        {
          sql: `INSERT INTO anonymous_traits (workspace_id, id, anonymous_id, traits, ts) VALUES ${values}
                ON CONFLICT DO NOTHING`,
          params: [
            workspaceId,
            ...anonymous.flatMap((a) => [a.id, a.anonymousId, a.traits, new Date(a.timestamp)]),
          ],
        },
      ]);
      stored = result?.changed ?? 0;
    }
    const linking = rows.identifies.filter((i) => i.anonymousId !== null);
    if (anonymous.length === 0 && linking.length === 0) return { rows, added: 0, stored };

    const ids = [...new Set([...anonymous.map((a) => a.anonymousId), ...linking.map((i) => i.anonymousId!)])];
    const linked = new Map(
      (
        await this.store.readRows(
          aliasRow,
          `SELECT anonymous_id, customer_id FROM aliases
           WHERE workspace_id = $1 AND anonymous_id IN (${placeholders(2, ids.length)})`,
          [workspaceId, ...ids],
        )
      ).map((r) => [r.anonymous_id, r.customer_id]),
    );
    const before: IdentifyRow[] = [];
    const after: IdentifyRow[] = [];
    // Newly linked ids take what waited for them, first; an id keeps the first customer it was linked to.
    const newlyLinked = new Map<string, string>();
    for (const i of linking) {
      const anonymousId = i.anonymousId!;
      if (!linked.has(anonymousId) && !newlyLinked.has(anonymousId))
        newlyLinked.set(anonymousId, i.customerId);
    }
    if (newlyLinked.size) {
      const waiting = [...newlyLinked.keys()];
      const stored = await this.store.readRows(
        traitsRow,
        `SELECT anonymous_id, traits, ts FROM anonymous_traits
         WHERE workspace_id = $1 AND anonymous_id IN (${placeholders(2, waiting.length)}) ORDER BY ts, id`,
        [workspaceId, ...waiting],
      );
      for (const t of stored) {
        before.push({
          customerId: newlyLinked.get(t.anonymous_id)!,
          anonymousId: t.anonymous_id,
          traits: t.traits,
          timestamp: t.ts,
        });
      }
    }
    // Traits given to a visitor linked before this batch go to its customer, after the rest (those of
    // a visitor this batch links were stored above and are among `before`).
    for (const a of anonymous) {
      const customerId = linked.get(a.anonymousId);
      if (customerId !== undefined)
        after.push({ customerId, anonymousId: a.anonymousId, traits: a.traits, timestamp: a.timestamp });
    }
    await this.keepIdentified(workspaceId, after, rows.identifies);
    const added = before.length + after.length;
    if (added === 0) return { rows, added, stored };
    return {
      rows: { ...rows, identifies: [...before, ...rows.identifies, ...after] },
      added,
      stored,
    };
  }

  /** Removes from `after` the keys its customer already has (stored, or set by this batch's rows). */
  private async keepIdentified(
    workspaceId: string,
    after: IdentifyRow[],
    identified: readonly IdentifyRow[],
  ): Promise<void> {
    if (after.length === 0) return;
    const ids = [...new Set(after.map((a) => a.customerId))];
    const stored = await this.store.readRows(
      customerTraitsRow,
      `SELECT id, traits::VARCHAR AS traits FROM customers
       WHERE workspace_id = $1 AND id IN (${placeholders(2, ids.length)})`,
      [workspaceId, ...ids],
    );
    const known = new Map(stored.map((c) => [c.id, new Set(Object.keys(parseTraits(c.traits)))]));
    for (const i of identified) {
      const has = known.get(i.customerId) ?? new Set<string>();
      for (const k of Object.keys(parseTraits(i.traits))) has.add(k);
      known.set(i.customerId, has);
    }
    for (const a of after) {
      const has = known.get(a.customerId);
      if (!has || a.traits === null) continue;
      const kept = Object.fromEntries(Object.entries(parseTraits(a.traits)).filter(([k]) => !has.has(k)));
      a.traits = JSON.stringify(kept);
    }
  }
}

function parseTraits(json: string | null): Record<string, unknown> {
  if (!json) return {};
  const parsed: unknown = JSON.parse(json);
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
    ? (parsed as Record<string, unknown>)
    : {};
}
