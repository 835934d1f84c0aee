import type { Context } from 'hono';
import type { Invitation } from '../invitation-rows.ts';
import type { InvitationReply } from '../contract.ts';

/** An invitation as the API shows it: times as ISO strings, nothing internal. */
export function invitationView(i: Invitation): InvitationReply {
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return {
    id: i.id,
    survey: i.surveyId,
    trigger: i.triggerId,
    customerId: i.customerId,
    channel: i.channel,
    status: i.status,
    reason: i.reason,
    language: i.language,
    dueAt: iso(i.dueAt),
    expiresAt: iso(i.expiresAt),
    sentAt: iso(i.sentAt),
    openedAt: iso(i.openedAt),
    startedAt: iso(i.startedAt),
    completedAt: iso(i.completedAt),
    dismissedAt: iso(i.dismissedAt),
  };
}

/** The hosted page's URL: the configured public URL, else the one the request came in on. */
export function linkUrl(c: Context, token: string): string {
  const base = c.get('services').surveys.config.publicUrl ?? new URL(c.req.url).origin;
  return `${base.replace(/\/$/, '')}/s/${token}`;
}
