import type { TimelineItem, TimelinePage } from '../port.ts';

/** One page of a customer's events, feedback and survey invitations in time order, including
 * events sent under anonymous ids that an identify later merged into the customer. An invitation
 * stands at the time it was sent, or else the time it is (or was) due. */
export const TIMELINE_SQL = `
  WITH anon AS (
    SELECT anonymous_id FROM aliases WHERE workspace_id = $1 AND customer_id = $2
  ), items AS (
    SELECT 'event' AS kind, id, ts, touchpoint, name, properties::VARCHAR AS properties,
           NULL AS metric, NULL::DOUBLE AS score, NULL::INTEGER AS scale_min, NULL::INTEGER AS scale_max,
           NULL AS comment, NULL AS source, NULL AS channel, NULL AS status
    FROM events
    WHERE workspace_id = $1 AND (customer_id = $2 OR anonymous_id IN (SELECT anonymous_id FROM anon))
    UNION ALL
    SELECT 'feedback', id, ts, touchpoint, NULL, NULL, metric, score, scale_min, scale_max, comment, source,
           NULL, NULL
    FROM feedback WHERE workspace_id = $1 AND customer_id = $2
    UNION ALL
    SELECT 'invitation', i.id, coalesce(i.sent_at, i.due_at), s.doc->>'touchpoint', i.survey_id, NULL,
           NULL, NULL, NULL, NULL, i.reason, i.trigger_id, i.channel, i.status
    FROM survey_invitations i LEFT JOIN surveys s ON s.workspace_id = i.workspace_id AND s.id = i.survey_id
    WHERE i.workspace_id = $1 AND (i.customer_id = $2 OR i.customer_id IN (SELECT anonymous_id FROM anon))
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
  if (base.kind === 'invitation') {
    return {
      ...base,
      survey: row.name as string,
      trigger: row.source as string,
      channel: row.channel as string,
      status: row.status as string,
      reason: (row.comment as string | null) ?? null,
    };
  }
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
