/** Limits on what one request may carry. Each has its own error code so a client knows which it hit. */
export const LIMITS = {
  /** Largest request body, in bytes. */
  bodyBytes: 4 * 1024 * 1024,
  /** Most items in one batch. */
  batchItems: 2000,
  /** Longest id, name, touchpoint or source. */
  shortString: 200,
  /** Longest comment or string property value. */
  longString: 8 * 1024,
  /** Deepest nesting of properties, traits or context (the top-level object is depth 1). */
  depth: 5,
  /** Most keys in one properties/traits/context object, counted over all levels. */
  keys: 200,
  /** Largest properties/traits/context object once serialised, in bytes. */
  objectBytes: 32 * 1024,
  /** How far into the future a timestamp may be (client clocks drift a little). */
  futureMs: 24 * 3600 * 1000,
  /**
   * The default floor of timestamps (a workspace importing history may lower or raise it with
   * CXLOOP_INGEST_EARLIEST): the epoch, so an event from 1999 imported by an SDK is kept.
   */
  earliest: 0,
  /** One Segment message, serialised (the limit Segment states and its SDKs enforce). */
  segmentMessageBytes: 32 * 1024,
  /** One Segment batch request, decompressed (Segment's stated limit; the SDKs flush below it). */
  segmentBatchBytes: 500 * 1024,
} as const;

/** Keys that would change an object's prototype when merged: never accepted anywhere. */
export const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
