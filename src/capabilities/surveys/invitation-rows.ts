import type { SqlStatement, StoreCapabilities } from '../../platform/store/port.ts';
import { epochMs, nullable, num, oneOf, row, text } from '../../platform/store/rows.ts';
import { insertRows, toDate } from './sql.ts';

const CHANNELS = ['email', 'web', 'link'] as const;
const STATUSES = ['scheduled', 'claimed', 'sending', 'sent', 'skipped', 'expired', 'failed'] as const;

export type InvitationChannel = (typeof CHANNELS)[number];
/**
 * `claimed`: a dispatcher run holds it under a lease and has not started its SMTP transaction.
 * `sending`: its SMTP transaction may be in flight; a crash leaves it possibly delivered.
 */
export type InvitationStatus = (typeof STATUSES)[number];

export interface Invitation {
  workspaceId: string;
  id: string;
  surveyId: string;
  triggerId: string;
  customerId: string;
  channel: InvitationChannel;
  eventId: string | null;
  language: string | null;
  status: InvitationStatus;
  /** Why it was delayed, skipped or failed. */
  reason: string | null;
  createdAt: number;
  dueAt: number;
  expiresAt: number;
  attempts: number;
  sentAt: number | null;
  openedAt: number | null;
  startedAt: number | null;
  completedAt: number | null;
  dismissedAt: number | null;
}

/** What a new invitation starts as; the rest of its columns start empty. */
export type InvitationDraft = Pick<
  Invitation,
  'id' | 'surveyId' | 'triggerId' | 'customerId' | 'channel' | 'eventId' | 'language' | 'dueAt' | 'expiresAt'
> & { status: 'scheduled' | 'sent' };

const invitationRow = row({
  workspace_id: text,
  id: text,
  survey_id: text,
  trigger_id: text,
  customer_id: text,
  channel: oneOf(...CHANNELS),
  event_id: nullable(text),
  language: nullable(text),
  status: oneOf(...STATUSES),
  reason: nullable(text),
  created_at: epochMs,
  due_at: epochMs,
  expires_at: epochMs,
  attempts: num,
  sent_at: nullable(epochMs),
  opened_at: nullable(epochMs),
  started_at: nullable(epochMs),
  completed_at: nullable(epochMs),
  dismissed_at: nullable(epochMs),
});

/** A survey_invitations row (read, or returned by a write) as an Invitation, each column checked. */
export const toInvitation = (raw: Record<string, unknown>): Invitation => {
  const r = invitationRow(raw);
  return {
    workspaceId: r.workspace_id,
    id: r.id,
    surveyId: r.survey_id,
    triggerId: r.trigger_id,
    customerId: r.customer_id,
    channel: r.channel,
    eventId: r.event_id,
    language: r.language,
    status: r.status,
    reason: r.reason,
    createdAt: r.created_at,
    dueAt: r.due_at,
    expiresAt: r.expires_at,
    attempts: r.attempts,
    sentAt: r.sent_at,
    openedAt: r.opened_at,
    startedAt: r.started_at,
    completedAt: r.completed_at,
    dismissedAt: r.dismissed_at,
  };
};

/**
 * Claims up to `limit` due invitations, and ones whose claim lapsed (their run died), oldest
 * first, by setting a lease. Where several processes write at once, two claims running together
 * would both pick the same rows (the subquery's snapshot predates the other's update), so the
 * rows are locked as they are picked and rows locked by another claim are passed over.
 * A lapsed `sending` row stays `sending`: the run that died may have handed it to the SMTP
 * server, so it goes out again as the same message instead of being decided afresh.
 */
export function claimDue(
  capabilities: StoreCapabilities,
  now: number,
  leaseUntil: number,
  limit: number,
): SqlStatement {
  const lock = capabilities.multiProcessWriters ? 'FOR UPDATE SKIP LOCKED' : '';
  return {
    sql: `UPDATE survey_invitations
          SET status = CASE WHEN status = 'sending' THEN 'sending' ELSE 'claimed' END, lease_until = $2
          WHERE (workspace_id, id) IN (
            SELECT workspace_id, id FROM survey_invitations
            WHERE (status = 'scheduled' AND due_at <= $1)
               OR (status IN ('claimed', 'sending') AND lease_until <= $1)
            ORDER BY due_at, id LIMIT $3 ${lock})
          RETURNING *`,
    params: [new Date(now), new Date(leaseUntil), limit],
  };
}

/**
 * Extends the lease of what one run still holds. Every row a claim takes shares that claim's
 * `lease_until` to the millisecond, which names the run's rows without listing them; a run that
 * sends for longer than half its lease renews, so another process never takes its unsent rows.
 */
export function renewLease(heldUntil: number, leaseUntil: number): SqlStatement {
  return {
    sql: `UPDATE survey_invitations SET lease_until = $2
          WHERE lease_until = $1 AND status IN ('claimed', 'sending')`,
    params: [new Date(heldUntil), new Date(leaseUntil)],
  };
}

/**
 * Lets the claims of a dead process lapse now. Only for a store with one writer process (an
 * embedded file): there, the process starting up is the only one that could hold a claim, so
 * every claim it finds belongs to a run that died. With several writers, leases lapse on time.
 */
export function lapseClaims(now: number): SqlStatement {
  return {
    sql: `UPDATE survey_invitations SET lease_until = $1 WHERE status IN ('claimed', 'sending')`,
    params: [new Date(now)],
  };
}

/** Inserts new invitations; one whose id exists (the same trigger and event again) is left alone. */
export function insertInvitations(
  workspaceId: string,
  drafts: InvitationDraft[],
  now: number,
): SqlStatement[] {
  return insertRows(
    `INSERT INTO survey_invitations (workspace_id, id, survey_id, trigger_id, customer_id, channel, event_id,
       language, status, created_at, due_at, expires_at, attempts, sent_at)`,
    'ON CONFLICT DO NOTHING RETURNING id',
    drafts.map((d) => [
      workspaceId,
      d.id,
      d.surveyId,
      d.triggerId,
      d.customerId,
      d.channel,
      d.eventId,
      d.language,
      d.status,
      new Date(now),
      new Date(d.dueAt),
      new Date(d.expiresAt),
      0,
      d.status === 'sent' ? new Date(now) : null,
    ]),
    400,
  );
}

export type Moment = 'opened_at' | 'started_at' | 'completed_at' | 'dismissed_at';

const FIELD: Record<Moment, keyof Invitation> = {
  opened_at: 'openedAt',
  started_at: 'startedAt',
  completed_at: 'completedAt',
  dismissed_at: 'dismissedAt',
};

/** The moments the invitation as read does not have yet. */
export const unsetMoments = (invitation: Invitation, moments: Moment[]) =>
  moments.filter((m) => invitation[FIELD[m]] === null);

/**
 * Sets moment columns (opened_at ...) the first time only: the first open is the one that
 * counts. One statement for all of them, and none when the invitation as read already has them
 * (an UPDATE is the dearest statement on the answer path).
 */
export function markFirst(invitation: Invitation, moments: Moment[], now: number): SqlStatement[] {
  const unset = unsetMoments(invitation, moments);
  if (unset.length === 0) return [];
  return [
    {
      sql: `UPDATE survey_invitations SET ${unset.map((m) => `${m} = coalesce(${m}, $3)`).join(', ')}
            WHERE workspace_id = $1 AND id = $2`,
      params: [invitation.workspaceId, invitation.id, toDate(now)],
    },
  ];
}

export interface DecisionRow {
  invitationId: string;
  customerId: string;
  surveyId: string;
  decision: 'sent' | 'delayed' | 'skipped';
  reason: string;
  until: number | null;
}

/** Appends to the decision log: why each invitation was sent, delayed or skipped. */
export function insertDecisions(workspaceId: string, rows: DecisionRow[], now: number): SqlStatement[] {
  return insertRows(
    'INSERT INTO invitation_decisions',
    '',
    rows.map((d) => [
      workspaceId,
      d.invitationId,
      d.customerId,
      d.surveyId,
      new Date(now),
      d.decision,
      d.reason,
      toDate(d.until),
    ]),
  );
}
