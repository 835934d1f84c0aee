import type { TimelineItem, TimelinePage } from '../port.ts';

/** One page of a customer's events and feedback in time order, including events sent under
 * anonymous ids that an identify later merged into the customer. */
export const TIMELINE_SQL = `
  WITH anon AS (
    SELECT anonymous_id FROM aliases WHERE workspace_id = $1 AND customer_id = $2
  ), items AS (
    SELECT 'event' AS kind, id, ts, touchpoint, name, properties::VARCHAR AS properties,
           NULL AS metric, NULL::DOUBLE AS score, NULL::INTEGER AS scale_min, NULL::INTEGER AS scale_max,
           NULL AS comment, NULL AS source
    FROM events
    WHERE workspace_id = $1 AND (customer_id = $2 OR anonymous_id IN (SELECT anonymous_id FROM anon))
    UNION ALL
    SELECT 'feedback', id, ts, touchpoint, NULL, NULL, metric, score, scale_min, scale_max, comment, source
    FROM feedback WHERE workspace_id = $1 AND customer_id = $2
  )
  SELECT * FROM items
  WHERE $3::TIMESTAMP IS NULL OR ts > $3 OR (ts = $3 AND (kind > $4 OR (kind = $4 AND id > $5)))
  ORDER BY ts, kind, id
  LIMIT $6`;

export function encodeCursor(item: TimelineItem): string {
  return Buffer.from(JSON.stringify([item.timestamp, item.kind, item.id])).toString('base64url');
}

/** Returns null for a cursor that is not one of ours, so the caller can answer 400. */
export function decodeCursor(cursor: string): [number, string, string] | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 3 &&
      Number.isFinite(value[0]) &&
      typeof value[1] === 'string' &&
      typeof value[2] === 'string'
    ) {
      return value as [number, string, string];
    }
  } catch {
    // fall through: not a cursor we issued
  }
  return null;
}

export function toTimelineItem(row: Record<string, unknown>): TimelineItem {
  const base = {
    kind: row.kind as TimelineItem['kind'],
    id: row.id as string,
    timestamp: row.ts as number,
    touchpoint: (row.touchpoint as string | null) ?? null,
  };
  if (base.kind === 'event') {
    const properties = row.properties as string | null;
    return { ...base, name: row.name as string, properties: properties ? JSON.parse(properties) : {} };
  }
  return {
    ...base,
    metric: row.metric as string,
    score: row.score as number,
    scale: { min: row.scale_min as number, max: row.scale_max as number },
    comment: (row.comment as string | null) ?? null,
    source: row.source as string,
  };
}

export type { TimelinePage };
