import { z } from 'zod';
import { zodIssues, type FieldIssue } from '../issues.ts';
import { LIMITS } from './limits.ts';
import { normalizeEvent, normalizeIdentify, rawObjectIssues, type NormalizeContext } from './normalize.ts';
import type { IngestRows } from './batch.ts';
import { isoTimestamp } from './schemas.ts';

/**
 * The Segment tracking spec, as Segment, RudderStack and their SDKs send it. Unknown fields
 * (integrations, _metadata, version ...) are allowed and ignored, as Segment does.
 */
const id = z.union([z.string().min(1).max(LIMITS.shortString), z.number().transform(String)]);
const object = z.record(z.string(), z.unknown());
export const segmentMessage = z.looseObject({
  type: z.enum(['track', 'identify', 'page', 'screen', 'alias', 'group']).optional(),
  messageId: id.optional(),
  userId: id.nullish(),
  anonymousId: id.nullish(),
  previousId: id.optional(),
  groupId: id.optional(),
  event: z.string().min(1).max(LIMITS.shortString).optional(),
  name: z.string().max(LIMITS.shortString).optional(),
  properties: object.optional(),
  traits: object.optional(),
  context: object.optional(),
  timestamp: isoTimestamp.optional(),
  originalTimestamp: isoTimestamp.optional(),
  sentAt: isoTimestamp.optional(),
});
export type SegmentMessage = z.infer<typeof segmentMessage>;

export const segmentBatch = z.looseObject({
  batch: z.array(z.unknown()).min(1),
  sentAt: isoTimestamp.optional(),
  context: object.optional(),
});

/**
 * Segment's clock-skew correction: the client's clock may be wrong, but the gap between when it
 * says the event happened and when it says it sent the request is right. So
 * timestamp = receivedAt - (sentAt - originalTimestamp).
 */
export function correctedTimestamp(
  message: SegmentMessage,
  batchSentAt: string | undefined,
  receivedAt: number,
): number {
  const original = message.timestamp ?? message.originalTimestamp;
  const sentAt = message.sentAt ?? batchSentAt;
  if (original === undefined) return receivedAt;
  if (sentAt === undefined) return Date.parse(original);
  return receivedAt - (Date.parse(sentAt) - Date.parse(original));
}

const EVENT_NAME: Record<string, (m: SegmentMessage) => string> = {
  page: () => 'Page Viewed',
  screen: () => 'Screen Viewed',
  group: () => 'Group Identified',
};

/**
 * Turns Segment messages into rows. `forcedType` is the call's type for /v1/track and /v1/identify,
 * where messages may omit `type`. Issue indexes are positions in `messages`.
 */
export function normalizeSegment(
  messages: unknown[],
  ctx: NormalizeContext,
  options: {
    forcedType?: 'track' | 'identify';
    batchSentAt?: string;
    batchContext?: Record<string, unknown>;
    indexed: boolean;
  },
): { rows: IngestRows; issues: FieldIssue[] } {
  const rows: IngestRows = { events: [], feedback: [], identifies: [] };
  const issues: FieldIssue[] = [];
  messages.forEach((raw, i) => {
    const index = options.indexed ? i : undefined;
    const rawIssues = rawObjectIssues(raw, ['properties', 'traits', 'context'], index);
    if (rawIssues.length) {
      issues.push(...rawIssues);
      return;
    }
    const parsed = segmentMessage.safeParse(raw);
    if (!parsed.success) {
      issues.push(...zodIssues(parsed.error, index));
      return;
    }
    const m = parsed.data;
    const type = options.forcedType ?? m.type;
    const at = index === undefined ? {} : { index };
    if (!type) {
      issues.push({ ...at, path: 'type', code: 'invalid_value', message: 'type is required in a batch' });
      return;
    }
    const timestamp = correctedTimestamp(m, options.batchSentAt, ctx.now);
    const iso = Number.isFinite(timestamp) ? new Date(timestamp).toISOString() : 'invalid';
    const userId = m.userId ?? undefined;
    const anonymousId = m.anonymousId ?? undefined;
    if (type === 'identify' || type === 'alias') {
      const customerId = userId;
      if (customerId === undefined) {
        issues.push({ ...at, path: 'userId', code: 'invalid_value', message: `${type} needs a userId` });
        return;
      }
      const result = normalizeIdentify(
        {
          customerId,
          anonymousId: type === 'alias' ? m.previousId : anonymousId,
          traits: type === 'alias' ? undefined : (m.traits ?? (m.context?.traits as object | undefined)),
          timestamp: iso,
        },
        ctx,
        index,
        { timestamp },
      );
      if (result.ok) rows.identifies.push(result.row);
      else issues.push(...result.issues);
      return;
    }
    let name = m.event;
    let properties = m.properties;
    if (type !== 'track') {
      name = EVENT_NAME[type]!(m);
      properties =
        type === 'group' ? { groupId: m.groupId, traits: m.traits } : { name: m.name, ...m.properties };
    } else if (!name) {
      issues.push({ ...at, path: 'event', code: 'invalid_value', message: 'track needs an event name' });
      return;
    }
    const context = m.context ?? options.batchContext;
    const result = normalizeEvent(
      { id: m.messageId, customerId: userId, anonymousId, name, timestamp: iso, properties },
      ctx,
      index,
      { context, timestamp },
    );
    if (result.ok) rows.events.push(result.row);
    else issues.push(...result.issues);
  });
  return { rows, issues };
}
