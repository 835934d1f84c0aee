import { InputError, zodIssues } from '../../core/issues.ts';
import { text } from '../../platform/store/rows.ts';
import { defaultLanguage, type Survey } from '../../core/surveys/schema.ts';
import { pickLanguage } from '../../core/surveys/text.ts';
import type { Store } from '../../platform/store/port.ts';
import type { SurveyDefinitions } from './definitions.ts';
import { surveyError } from './errors.ts';
import { invitationId, randomKey } from './ids.ts';
import {
  insertDecisions,
  insertInvitations,
  markFirst,
  toInvitation,
  type Invitation,
  type InvitationDraft,
  type Moment,
} from './invitation-rows.ts';
import type { LinkTokens } from './link-tokens.ts';
import { placeholders } from './sql.ts';
import { customerContexts } from './customers.ts';
import { createInvitationInput } from './contract.ts';
import { InvitationLoader } from './invitation-loader.ts';

/** An invitation with the link that answers it. */
export interface IssuedLink {
  invitation: Invitation;
  token: string;
}

/** Invitations: making them (from triggers or the API), finding them, and their links. */
export class Invitations {
  private readonly loader: InvitationLoader;

  constructor(
    private readonly store: Store,
    private readonly definitions: SurveyDefinitions,
    private readonly tokens: LinkTokens,
  ) {
    this.loader = new InvitationLoader(store);
  }

  /** Stores new invitations and returns the ids that were new (an existing id is a repeat). */
  async schedule(workspaceId: string, drafts: InvitationDraft[], now: number): Promise<Set<string>> {
    if (drafts.length === 0) return new Set();
    const results = await this.store.write(insertInvitations(workspaceId, drafts, now));
    return new Set(results.flatMap((r) => r.rows.map((row) => text(row.id, 'id'))));
  }

  get(workspaceId: string, id: string): Promise<Invitation | null> {
    return this.loader.get(workspaceId, id);
  }

  async require(workspaceId: string, id: string): Promise<Invitation> {
    const found = await this.get(workspaceId, id);
    if (!found) throw surveyError('not_found', `no invitation "${id}" in this workspace`);
    return found;
  }

  async surveyOf(invitation: Invitation): Promise<Survey> {
    const survey = await this.definitions.get(invitation.workspaceId, invitation.surveyId);
    if (!survey) throw surveyError('not_found', `the survey "${invitation.surveyId}" no longer exists`);
    return survey;
  }

  async link(invitation: Invitation, now: number): Promise<string> {
    return this.tokens.sign(
      {
        workspace: invitation.workspaceId,
        invitation: invitation.id,
        customer: invitation.customerId,
        survey: invitation.surveyId,
        trigger: invitation.triggerId,
        expires: invitation.expiresAt,
      },
      now,
    );
  }

  /**
   * The invitation a link stands for, checked against the claims so that a token can only ever
   * answer the one customer, survey and trigger it was made for.
   */
  async fromToken(token: string, now: number, options: { workspaceId?: string; expiry?: boolean } = {}) {
    const claims = await this.tokens.verify(token, now, options);
    const invitation = await this.get(claims.workspace, claims.invitation);
    if (
      !invitation ||
      invitation.customerId !== claims.customer ||
      invitation.surveyId !== claims.survey ||
      invitation.triggerId !== claims.trigger
    )
      throw surveyError('invalid_token', 'this survey link is not valid');
    return invitation;
  }

  async create(workspaceId: string, surveyId: string, body: unknown, now: number): Promise<IssuedLink> {
    const parsed = createInvitationInput.safeParse(body);
    if (!parsed.success) throw new InputError(zodIssues(parsed.error));
    const input = parsed.data;
    const survey = await this.definitions.get(workspaceId, surveyId);
    if (!survey) throw surveyError('not_found', `no survey "${surveyId}" in this workspace`);
    const id = invitationId(workspaceId, `api:${input.idempotencyKey ?? randomKey()}`);
    // As for triggered invitations (docs/surveys.md): the caller's language, else the customer's
    // `language` (or `locale`) trait, else the survey's first language.
    const language =
      input.language ??
      (await customerContexts(this.store, workspaceId, [input.customerId])).get(input.customerId)?.language ??
      undefined;
    const dueAt = now + input.delay;
    // A link is in the caller's hands as soon as we reply: it counts as sent at once.
    const created = await this.schedule(
      workspaceId,
      [
        {
          id,
          surveyId,
          triggerId: 'api',
          customerId: input.customerId,
          channel: input.channel,
          eventId: null,
          language: pickLanguage(language, survey.languages, defaultLanguage(survey)),
          dueAt,
          expiresAt: dueAt + input.expiresAfter,
          status: input.channel === 'link' ? 'sent' : 'scheduled',
        },
      ],
      now,
    );
    if (input.channel === 'link' && created.has(id)) {
      const decision = {
        invitationId: id,
        customerId: input.customerId,
        surveyId,
        decision: 'sent' as const,
      };
      await this.store.write(
        insertDecisions(workspaceId, [{ ...decision, reason: 'link_returned_to_caller', until: null }], now),
      );
    }
    const invitation = (await this.get(workspaceId, id))!;
    if (invitation.surveyId !== surveyId || invitation.customerId !== input.customerId)
      throw new InputError([
        { path: 'idempotencyKey', code: 'conflict', message: 'this key was used for another invitation' },
      ]);
    return { invitation, token: await this.link(invitation, now) };
  }

  async mark(invitation: Invitation, moment: Moment, now: number): Promise<void> {
    const statements = markFirst(invitation, [moment], now);
    if (statements.length) await this.store.write(statements);
  }

  /**
   * In-page invitations ready for a visitor (any of its ids): sent, not answered to the end, not
   * dismissed, not expired. The browser SDK shows the first.
   */
  async pendingInPage(workspaceId: string, customerIds: string[], now: number): Promise<Invitation[]> {
    if (customerIds.length === 0) return [];
    const rows = await this.store.read(
      `SELECT * FROM survey_invitations
       WHERE workspace_id = $1 AND channel = 'web' AND status = 'sent' AND completed_at IS NULL
         AND dismissed_at IS NULL AND expires_at > $2 AND customer_id IN (${placeholders(3, customerIds.length)})
       ORDER BY sent_at, id LIMIT 5`,
      [workspaceId, new Date(now), ...customerIds],
    );
    return rows.map(toInvitation);
  }
}
