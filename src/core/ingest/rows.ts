/**
 * What the store persists, after validation and normalisation. Times are epoch milliseconds (UTC);
 * free-form objects are already serialised to JSON text.
 */
export interface EventRow {
  id: string;
  customerId: string | null;
  anonymousId: string | null;
  name: string;
  touchpoint: string | null;
  timestamp: number;
  receivedAt: number;
  properties: string | null;
  /** Segment's `context` (page, user agent, campaign ...), kept apart from the event's own properties. */
  context: string | null;
}

export interface FeedbackRow {
  id: string;
  customerId: string;
  touchpoint: string;
  metric: 'nps' | 'csat' | 'ces' | 'rating';
  score: number;
  scaleMin: number;
  scaleMax: number;
  comment: string | null;
  timestamp: number;
  receivedAt: number;
  source: string;
}

export interface IdentifyRow {
  customerId: string;
  anonymousId: string | null;
  traits: string | null;
  timestamp: number;
}

/**
 * Traits an identify call gave a visitor before anyone knew who they are (Segment allows an
 * identify with only an anonymousId). They wait on the anonymous profile and are merged into the
 * customer when an identify or alias links the anonymous id.
 */
export interface AnonymousTraitsRow {
  /** The message id (or a new one), so a re-sent call is stored once. */
  id: string;
  anonymousId: string;
  traits: string | null;
  timestamp: number;
}
