import { z } from 'zod';
import { durationSchema } from './duration.ts';
import { quietHoursSchema, quietUntil } from './quiet-hours.ts';

const DAY = 86_400_000;

/**
 * A workspace's contact-pressure policy, shared by every survey (and later by every message):
 * how often one customer may be asked, and when not at all.
 */
export const contactPolicySchema = z.strictObject({
  /** At most this many invitations per customer in any window of `period`. */
  maxInvitations: z.number().int().min(1).max(1000).default(2),
  period: durationSchema.default(30 * DAY),
  /** At least this long between two invitations to the same customer. */
  minGap: durationSchema.default(3 * DAY),
  /** The same survey is not sent again to a customer within this time. */
  resurveyAfter: durationSchema.default(90 * DAY),
  /** Email waits until quiet hours end in the customer's `timezone` trait; null turns them off. */
  quietHours: quietHoursSchema.nullable().default({ start: '21:00', end: '08:00' }),
  /** The time zone of customers without a (valid) `timezone` trait. */
  defaultTimezone: z.string().min(1).max(64).default('UTC'),
});
export type ContactPolicy = z.infer<typeof contactPolicySchema>;
export const DEFAULT_POLICY: ContactPolicy = contactPolicySchema.parse({});

export type SkipReason =
  | 'unsubscribed'
  | 'no_email'
  | 'invalid_email'
  | 'expired'
  | 'already_invited'
  | 'recently_surveyed'
  | 'min_gap'
  | 'max_per_period'
  | 'quiet_hours';
export type DelayReason = 'min_gap' | 'max_per_period' | 'quiet_hours';

export type Decision =
  | { decision: 'send' }
  | { decision: 'delay'; until: number; reason: DelayReason }
  | { decision: 'skip'; reason: SkipReason; detail?: string };

/** What the policy weighs for one invitation that has fallen due. */
export interface Candidate {
  channel: 'email' | 'web' | 'link';
  expiresAt: number;
  unsubscribed: boolean;
  email: string | null;
  /** Why the stored email trait is no single address (stored before ingest checked it), else null. */
  emailProblem?: string | null;
  timezone: string | null;
  /** Another invitation to the same survey for this customer is waiting or on its way. */
  openForSurvey: boolean;
  /** When this customer was last sent this survey, if ever. */
  lastForSurvey: number | null;
  /** When this customer was sent any invitation (shown, mailed or dismissed), any order. */
  contacts: number[];
}

/**
 * The earliest instant, from `t` on, that respects the gap and the per-period cap, with the rule
 * that pushed it. Caps are checked against contacts already made, never against future ones.
 */
function pressureFree(
  policy: ContactPolicy,
  contacts: number[],
  t: number,
): { at: number; reason: DelayReason | null } {
  const sorted = [...contacts].sort((a, b) => a - b);
  let at = t;
  let reason: DelayReason | null = null;
  const last = sorted[sorted.length - 1];
  if (last !== undefined && at < last + policy.minGap) {
    at = last + policy.minGap;
    reason = 'min_gap';
  }
  const inWindow = sorted.filter((c) => c > at - policy.period && c <= at);
  if (inWindow.length >= policy.maxInvitations) {
    // Room opens when the oldest contact that keeps the window full leaves it.
    const opensAt = inWindow[inWindow.length - policy.maxInvitations]! + policy.period;
    if (opensAt > at) {
      at = opensAt;
      reason = 'max_per_period';
    }
  }
  return { at, reason };
}

/**
 * Decides what happens to an invitation that has fallen due at `now`: send it, delay it (to the
 * end of quiet hours, or until the gap or the cap allows), or skip it, saying why. An invitation
 * that could only go out after it expires is skipped for the rule that held it back.
 */
export function decide(policy: ContactPolicy, candidate: Candidate, now: number): Decision {
  if (candidate.unsubscribed) return { decision: 'skip', reason: 'unsubscribed' };
  if (candidate.channel === 'email' && !candidate.email) return { decision: 'skip', reason: 'no_email' };
  if (candidate.channel === 'email' && candidate.emailProblem)
    return { decision: 'skip', reason: 'invalid_email', detail: candidate.emailProblem };
  if (now >= candidate.expiresAt) return { decision: 'skip', reason: 'expired' };
  if (candidate.openForSurvey) return { decision: 'skip', reason: 'already_invited' };
  if (candidate.lastForSurvey !== null && now < candidate.lastForSurvey + policy.resurveyAfter)
    return { decision: 'skip', reason: 'recently_surveyed' };
  // A link handed to the caller has already reached the customer: only consent rules apply.
  if (candidate.channel === 'link') return { decision: 'send' };

  let at = now;
  let reason: DelayReason | null = null;
  const zone = candidate.timezone ?? policy.defaultTimezone;
  // Each rule can only push `at` later, so a few rounds settle it (quiet hours and caps interleave).
  for (let round = 0; round < 4; round++) {
    const before = at;
    const free = pressureFree(policy, candidate.contacts, at);
    if (free.reason) ({ at, reason } = { at: free.at, reason: free.reason });
    // In-page surveys reach a visitor who is on the site right now: quiet hours do not apply.
    const quiet =
      candidate.channel === 'email' && policy.quietHours ? quietUntil(at, policy.quietHours, zone) : null;
    if (quiet !== null) ({ at, reason } = { at: quiet, reason: 'quiet_hours' });
    if (at === before) break;
  }
  if (at <= now || reason === null) return { decision: 'send' };
  if (at >= candidate.expiresAt)
    return { decision: 'skip', reason, detail: `would only be allowed at ${at}, after it expires` };
  return { decision: 'delay', until: at, reason };
}
