import { z } from 'zod';
import { zodIssues, type FieldIssue } from '../issues.ts';
import { LIMITS } from './limits.ts';
import {
  checkTimestamp,
  normalizeEvent,
  normalizeIdentify,
  rawObjectIssues,
  type NormalizeContext,
} from './normalize.ts';
import type { IngestRows } from './batch.ts';
import type { AnonymousTraitsRow } from './rows.ts';
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
  category: z.string().max(LIMITS.shortString).optional(),
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

/**
 * The time an event is stored with: the corrected timestamp, but never after the request arrived.
 * Nothing can have happened after it was sent, so a later time is a wrong client clock (or a
 * timestamp set by hand); like Segment, we keep the message and clamp its time to the arrival.
 */
export function segmentTime(message: SegmentMessage, batchSentAt: string | undefined, receivedAt: number) {
  const corrected = correctedTimestamp(message, batchSentAt, receivedAt);
  return corrected > receivedAt ? receivedAt : corrected;
}

export type SegmentType = 'track' | 'identify' | 'page' | 'screen' | 'group' | 'alias';

const EVENT_NAME: Record<'page' | 'screen' | 'group', string> = {
  page: 'Page Viewed',
  screen: 'Screen Viewed',
  group: 'Group Identified',
};

/** A message refused on its own while the rest of its batch is stored (see the rejects log). */
export interface RejectedMessage {
  /** Position in the batch (0 for a single-message call). */
  index: number;
  /** The message as it arrived. */
  message: unknown;
  issues: FieldIssue[];
}

export interface SegmentResult {
  rows: IngestRows;
  /** Identify calls with only an anonymousId. */
  anonymous: AnonymousTraitsRow[];
  rejects: RejectedMessage[];
}

/** UTF-8 length of a string, without an encoder's copy (this runs for every message of a large batch). */
function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x800) bytes += code >= 0xd800 && code < 0xdc00 ? 1 : 2;
    else if (code >= 0x80) bytes += 1;
  }
  return bytes;
}

function sizeIssue(raw: unknown, at: { index?: number }): FieldIssue | null {
  const size = utf8Length(JSON.stringify(raw) ?? '');
  if (size <= LIMITS.segmentMessageBytes) return null;
  return {
    ...at,
    path: '',
    code: 'message_too_large',
    message: `a message is at most ${LIMITS.segmentMessageBytes} bytes as JSON; this one is ${size}`,
  };
}

/**
 * Turns Segment messages into rows; each bad message is listed in `rejects` with its problems and
 * the others are kept. `forcedType` is the call's type for the single-message endpoints, where
 * messages may omit `type`. Issue indexes are positions in `messages`. `bodyBytes`, when given,
 * lets small bodies skip the per-message size check (no message can be larger than its body).
 */
export function normalizeSegment(
  messages: unknown[],
  context: NormalizeContext,
  options: {
    forcedType?: SegmentType;
    batchSentAt?: string;
    batchContext?: Record<string, unknown>;
    indexed: boolean;
    bodyBytes?: number;
  },
): SegmentResult {
  // Segment allows 32 KB per message, so one string may be nearly that long.
  const ctx: NormalizeContext = { ...context, maxString: LIMITS.segmentMessageBytes };
  const rows: IngestRows = { events: [], feedback: [], identifies: [] };
  const anonymous: AnonymousTraitsRow[] = [];
  const rejects: RejectedMessage[] = [];
  const measure = options.bodyBytes === undefined || options.bodyBytes > LIMITS.segmentMessageBytes;
  messages.forEach((raw, i) => {
    const index = options.indexed ? i : undefined;
    const issues = messageIssues(raw, index, measure, ctx, options, rows, anonymous);
    if (issues.length) rejects.push({ index: i, message: raw, issues });
  });
  return { rows, anonymous, rejects };
}

/** Normalises one message into `rows` or `anonymous`; returns its problems (none when stored). */
function messageIssues(
  raw: unknown,
  index: number | undefined,
  measure: boolean,
  ctx: NormalizeContext,
  options: { forcedType?: SegmentType; batchSentAt?: string; batchContext?: Record<string, unknown> },
  rows: IngestRows,
  anonymous: AnonymousTraitsRow[],
): FieldIssue[] {
  const at = index === undefined ? {} : { index };
  const tooLarge = measure ? sizeIssue(raw, at) : null;
  if (tooLarge) return [tooLarge];
  const rawIssues = rawObjectIssues(raw, ['properties', 'traits', 'context'], index, ctx.maxString);
  if (rawIssues.length) return rawIssues;
  const parsed = segmentMessage.safeParse(raw);
  if (!parsed.success) return zodIssues(parsed.error, index);
  const m = parsed.data;
  const type = options.forcedType ?? m.type;
  if (!type) return [{ ...at, path: 'type', code: 'invalid_value', message: 'type is required in a batch' }];
  const timestamp = segmentTime(m, options.batchSentAt, ctx.now);
  const iso = Number.isFinite(timestamp) ? new Date(timestamp).toISOString() : 'invalid';
  const userId = m.userId ?? undefined;
  const anonymousId = m.anonymousId ?? undefined;
  if (type === 'identify' || type === 'alias') {
    const traits = type === 'alias' ? undefined : (m.traits ?? (m.context?.traits as object | undefined));
    if (userId === undefined) {
      if (type === 'identify' && anonymousId !== undefined) {
        const bad = checkTimestamp(timestamp, ctx.now, 'timestamp', index, ctx.earliest);
        if (bad) return [bad];
        anonymous.push({
          id: m.messageId ?? ctx.newId(),
          anonymousId,
          traits: traits ? JSON.stringify(traits) : null,
          timestamp,
        });
        return [];
      }
      const needs = type === 'identify' ? 'a userId or an anonymousId' : 'a userId';
      return [{ ...at, path: 'userId', code: 'invalid_value', message: `${type} needs ${needs}` }];
    }
    if (type === 'alias' && m.previousId === undefined) {
      return [{ ...at, path: 'previousId', code: 'invalid_value', message: 'alias needs a previousId' }];
    }
    const result = normalizeIdentify(
      {
        customerId: userId,
        anonymousId: type === 'alias' ? m.previousId : anonymousId,
        traits,
        timestamp: iso,
      },
      ctx,
      index,
      { timestamp },
    );
    if (!result.ok) return result.issues;
    rows.identifies.push(result.row);
    return [];
  }
  let name = m.event;
  let properties = m.properties;
  if (type === 'group') {
    if (m.groupId === undefined)
      return [{ ...at, path: 'groupId', code: 'invalid_value', message: 'group needs a groupId' }];
    name = EVENT_NAME.group;
    properties = { groupId: m.groupId, traits: m.traits ?? {} };
  } else if (type !== 'track') {
    name = EVENT_NAME[type];
    properties = {
      ...m.properties,
      name: m.name ?? m.properties?.name,
      category: m.category ?? m.properties?.category,
    };
  } else if (!name) {
    return [{ ...at, path: 'event', code: 'invalid_value', message: 'track needs an event name' }];
  }
  const result = normalizeEvent(
    { id: m.messageId, customerId: userId, anonymousId, name, timestamp: iso, properties },
    ctx,
    index,
    { context: m.context ?? options.batchContext, timestamp },
  );
  if (!result.ok) return result.issues;
  rows.events.push(result.row);
  return [];
}
