import type { EventRow, FeedbackRow, IdentifyRow } from '../../src/core/ingest/rows.ts';
import type { IngestBatch } from '../../src/platform/store/port.ts';

/** Rows as the ingest service hands them to a store (validated, times in epoch ms). */
export const T0 = Date.parse('2025-03-01T00:00:00Z');

export const event = (id: string, over: Partial<EventRow> = {}): EventRow => ({
  id,
  customerId: 'c1',
  anonymousId: null,
  name: 'Product Viewed',
  touchpoint: 'product-pages',
  timestamp: T0,
  receivedAt: T0 + 1000,
  properties: '{"sku":"A"}',
  context: null,
  ...over,
});

export const feedback = (id: string, over: Partial<FeedbackRow> = {}): FeedbackRow => ({
  id,
  customerId: 'c1',
  touchpoint: 'delivery',
  metric: 'csat',
  score: 2,
  scaleMin: 1,
  scaleMax: 5,
  comment: null,
  timestamp: T0 + 86_400_000,
  receivedAt: T0 + 86_401_000,
  source: 'test',
  ...over,
});

export const identify = (customerId: string, over: Partial<IdentifyRow> = {}): IdentifyRow => ({
  customerId,
  anonymousId: null,
  traits: null,
  timestamp: T0,
  ...over,
});

export const batch = (parts: Partial<IngestBatch>): IngestBatch => ({
  events: [],
  feedback: [],
  identifies: [],
  ...parts,
});

/** A workspace of its own for each topic, so topics never see each other's rows. */
export async function workspace(
  store: { createWorkspace(id: string, name: string, now: number): Promise<unknown> },
  id: string,
) {
  await store.createWorkspace(id, id, T0);
  return id;
}
