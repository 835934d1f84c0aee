import type { z } from 'zod';
import type { JourneyIndex } from '../journey/rules.ts';
import { zodIssues, type FieldIssue } from '../issues.ts';
import { checkBoundedObject } from './bounded-json.ts';
import { emailAddressProblem } from './email-address.ts';
import { LIMITS } from './limits.ts';
import type { EventRow, FeedbackRow, IdentifyRow } from './rows.ts';
import {
  DEFAULT_SCALES,
  eventInput,
  feedbackInput,
  identifyInput,
  type EventInput,
  type FeedbackInput,
  type IdentifyInput,
} from './schemas.ts';

/** What normalisation needs from the outside world, passed in so this stays pure. */
export interface NormalizeContext {
  journey: JourneyIndex;
  /** The server's receive time (epoch ms). */
  now: number;
  newId: () => string;
  /** The earliest timestamp accepted (epoch ms); LIMITS.earliest when not set. */
  earliest?: number;
  /** The longest string inside properties, traits or context; LIMITS.longString when not set. */
  maxString?: number;
}

type Result<T> = { ok: true; row: T } | { ok: false; issues: FieldIssue[] };

function parseItem<S extends z.ZodType>(
  schema: S,
  item: unknown,
  index: number | undefined,
): Result<z.infer<S>> {
  const parsed = schema.safeParse(item);
  return parsed.success
    ? { ok: true, row: parsed.data }
    : { ok: false, issues: zodIssues(parsed.error, index) };
}

/** A timestamp we accept: parseable, not before the floor, not more than LIMITS.futureMs ahead. */
export function checkTimestamp(
  ms: number,
  now: number,
  path: string,
  index?: number,
  earliest: number = LIMITS.earliest,
): FieldIssue | null {
  const at = index === undefined ? {} : { index };
  if (!Number.isFinite(ms))
    return { ...at, path, code: 'invalid_timestamp', message: 'not a valid ISO-8601 timestamp' };
  if (ms < earliest) {
    return {
      ...at,
      path,
      code: 'timestamp_too_old',
      message: `before ${new Date(earliest).toISOString()}`,
    };
  }
  if (ms > now + LIMITS.futureMs) {
    return {
      ...at,
      path,
      code: 'timestamp_in_future',
      message: 'more than 24 hours ahead of the server clock',
    };
  }
  return null;
}

/** No problems: shared, so the common case allocates nothing (this runs for every item). */
const NONE: readonly FieldIssue[] = Object.freeze([]);

function boundedIssues(
  value: unknown,
  path: string,
  index: number | undefined,
  maxString?: number,
): readonly FieldIssue[] {
  if (value === undefined || value === null) return NONE;
  const issues = checkBoundedObject(value, path, maxString);
  return issues.length === 0 || index === undefined ? issues : issues.map((i) => ({ ...i, index }));
}

/**
 * Free-form objects are checked on the raw input, before zod copies them: a copy made by plain
 * assignment turns a `__proto__` key into the object's prototype, and the key would vanish unseen.
 */
export function rawObjectIssues(
  item: unknown,
  fields: string[],
  index?: number,
  maxString?: number,
): FieldIssue[] {
  if (item === null || typeof item !== 'object') return [];
  const issues: FieldIssue[] = [];
  for (const field of fields)
    issues.push(...boundedIssues((item as Record<string, unknown>)[field], field, index, maxString));
  return issues;
}

/** Validates one canonical event and turns it into a row; `context` is only set by the Segment path. */
export function normalizeEvent(
  item: unknown,
  ctx: NormalizeContext,
  index?: number,
  extra: { context?: unknown; timestamp?: number } = {},
): Result<EventRow> {
  const raw = rawObjectIssues(item, ['properties'], index, ctx.maxString);
  if (raw.length) return { ok: false, issues: raw };
  const parsed = parseItem(eventInput, item, index);
  if (!parsed.ok) return parsed;
  const e: EventInput = parsed.row;
  const issues = [...boundedIssues(extra.context, 'context', index, ctx.maxString)];
  const timestamp = extra.timestamp ?? Date.parse(e.timestamp);
  const bad = checkTimestamp(timestamp, ctx.now, 'timestamp', index, ctx.earliest);
  if (bad) issues.push(bad);
  if (e.touchpoint !== undefined && !ctx.journey.touchpoints.has(e.touchpoint)) {
    issues.push({
      ...(index === undefined ? {} : { index }),
      path: 'touchpoint',
      code: 'unknown_touchpoint',
      message: `touchpoint "${e.touchpoint}" is not in the journey map`,
    });
  }
  if (issues.length) return { ok: false, issues };
  return {
    ok: true,
    row: {
      id: e.id ?? ctx.newId(),
      customerId: e.customerId ?? null,
      anonymousId: e.anonymousId ?? null,
      name: e.name,
      touchpoint: e.touchpoint ?? ctx.journey.touchpointFor(e.name, e.properties),
      timestamp,
      receivedAt: ctx.now,
      properties: e.properties ? JSON.stringify(e.properties) : null,
      context: extra.context === undefined ? null : JSON.stringify(extra.context),
    },
  };
}

export function normalizeFeedback(item: unknown, ctx: NormalizeContext, index?: number): Result<FeedbackRow> {
  const parsed = parseItem(feedbackInput, item, index);
  if (!parsed.ok) return parsed;
  const f: FeedbackInput = parsed.row;
  const issues: FieldIssue[] = [];
  const timestamp = Date.parse(f.timestamp);
  const bad = checkTimestamp(timestamp, ctx.now, 'timestamp', index, ctx.earliest);
  if (bad) issues.push(bad);
  if (!ctx.journey.touchpoints.has(f.touchpoint)) {
    issues.push({
      ...(index === undefined ? {} : { index }),
      path: 'touchpoint',
      code: 'unknown_touchpoint',
      message: `touchpoint "${f.touchpoint}" is not in the journey map`,
    });
  }
  if (issues.length) return { ok: false, issues };
  // feedbackInput guarantees a scale for ratings, so the default lookup only runs for the others.
  const scale = f.scale ?? DEFAULT_SCALES[f.metric as Exclude<typeof f.metric, 'rating'>];
  return {
    ok: true,
    row: {
      id: f.id ?? ctx.newId(),
      customerId: f.customerId,
      touchpoint: f.touchpoint,
      metric: f.metric,
      score: f.score,
      scaleMin: scale.min,
      scaleMax: scale.max,
      comment: f.comment ?? null,
      timestamp,
      receivedAt: ctx.now,
      source: f.source ?? 'api',
    },
  };
}

export function normalizeIdentify(
  item: unknown,
  ctx: NormalizeContext,
  index?: number,
  extra: { timestamp?: number } = {},
): Result<IdentifyRow> {
  const raw = rawObjectIssues(item, ['traits'], index, ctx.maxString);
  if (raw.length) return { ok: false, issues: raw };
  const parsed = parseItem(identifyInput, item, index);
  if (!parsed.ok) return parsed;
  const i: IdentifyInput = parsed.row;
  const issues: FieldIssue[] = [];
  const timestamp = extra.timestamp ?? (i.timestamp ? Date.parse(i.timestamp) : ctx.now);
  const bad = checkTimestamp(timestamp, ctx.now, 'timestamp', index, ctx.earliest);
  if (bad) issues.push(bad);
  // The email trait is where invitations go: one address, or null to forget it.
  const email = i.traits && Object.hasOwn(i.traits, 'email') ? i.traits.email : null;
  const emailProblem = email === null ? null : emailAddressProblem(email);
  if (emailProblem) {
    const at = index === undefined ? {} : { index };
    issues.push({ ...at, path: 'traits.email', code: 'invalid_email', message: emailProblem });
  }
  if (issues.length) return { ok: false, issues };
  return {
    ok: true,
    row: {
      customerId: i.customerId,
      anonymousId: i.anonymousId ?? null,
      traits: i.traits ? JSON.stringify(i.traits) : null,
      timestamp,
    },
  };
}
