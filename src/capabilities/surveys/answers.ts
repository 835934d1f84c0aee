import { InputError, zodIssues } from '../../core/issues.ts';
import type { AnswerValue } from '../../core/surveys/answers.ts';
import type { FeedbackInput } from '../../core/ingest/schemas.ts';
import { answerFeedback } from '../../core/surveys/feedback.ts';
import { findQuestion, type Survey } from '../../core/surveys/schema.ts';
import type { IngestService } from '../ingest/service.ts';
import type { Store } from '../../platform/store/port.ts';
import { surveyError } from './errors.ts';
import { markFirst, unsetMoments, type Invitation, type Moment } from './invitation-rows.ts';
import { json, row, RowShapeError, text, type Column } from '../../platform/store/rows.ts';
import { placeholders } from './sql.ts';
import { answersInput } from './contract.ts';
import { planAnswers, splitAnswers, type AnswerPlan, type StoredAnswers } from './answer-plan.ts';
import { guardAnswers, insertAnswers, markInvitations, type FreshAnswer } from './answer-statements.ts';

export { splitAnswers, type StoredAnswers };

export interface Progress {
  /** Answers stored by this call. */
  saved: number;
  /** Answers that repeated one already stored (the same value): not stored or counted again. */
  duplicates: number;
  /** The next question to ask, or null when the respondent is done. */
  next: string | null;
  completed: boolean;
}

/** A stored answer's JSON: a value, or null for a skipped question (SQL NULL or JSON null). */
const storedValue: Column<AnswerValue | null> = (value, column) => {
  const parsed = value === null || value === undefined ? null : json(value, column);
  if (parsed === null || typeof parsed === 'number' || typeof parsed === 'string') return parsed;
  if (Array.isArray(parsed) && parsed.every((item) => typeof item === 'string')) return parsed;
  throw new RowShapeError(column, 'an answer (a number, a text or a list of texts)', parsed);
};

interface Submission {
  invitation: Invitation;
  survey: Survey;
  answers: { question: string; value: unknown }[];
  now: number;
  resolve: (progress: Progress) => void;
  reject: (error: unknown) => void;
}

interface Planned {
  submission: Submission;
  plan: AnswerPlan;
}

/**
 * Submissions checked in one group at most. Each adds a few parameters to the group's statements
 * and its scores to one ingest batch; a few hundred keep both small.
 */
const GROUP_LIMIT = 256;

const key = (invitation: Invitation) => `${invitation.workspaceId}\u0000${invitation.id}`;

/**
 * Saves answers question by question. A submission is checked whole first (every problem listed,
 * nothing stored if any), then each answer is stored once: the same answer again is a harmless
 * duplicate, a different one for an answered question is refused. Scored answers are also stored
 * as feedback, with ids derived from invitation and question, so scores count every response
 * exactly once even when a submission is retried.
 *
 * Submissions that arrive together are stored together: their stored answers are read in one
 * query, each is checked in arrival order against them (a later one sees an earlier one's answers,
 * so of two different answers to one question the first wins and the second gets the 409), and
 * all of them go to the ingest group commit as one batch: their scores as feedback rows and their
 * answers, guards and invitation marks as a few statements, in the same transaction. One answer
 * used to take its own transaction of three statements, about 10 ms of writer time each.
 * One group is in flight at a time, so a group's read sees every answer of the groups before.
 */
export class Answers {
  private readonly waiting: Submission[] = [];
  private flushing = false;

  constructor(
    private readonly store: Store,
    private readonly ingest: IngestService,
  ) {}

  async stored(invitation: Invitation): Promise<StoredAnswers> {
    return (await this.storedOf([invitation])).get(key(invitation)) ?? new Map();
  }

  /** The stored answers of many invitations (one query per workspace), by workspace and id. */
  private async storedOf(invitations: Invitation[]): Promise<Map<string, StoredAnswers>> {
    const byWorkspace = new Map<string, Set<string>>();
    for (const i of invitations) {
      const ids = byWorkspace.get(i.workspaceId) ?? new Set<string>();
      byWorkspace.set(i.workspaceId, ids.add(i.id));
    }
    const out = new Map<string, StoredAnswers>();
    for (const [workspaceId, idSet] of byWorkspace) {
      const ids = [...idSet];
      const rows = await this.store.readRows(
        row({ invitation_id: text, question_id: text, value: storedValue }),
        `SELECT invitation_id, question_id, value::VARCHAR AS value FROM survey_answers
         WHERE workspace_id = $1 AND invitation_id IN (${placeholders(2, ids.length)})`,
        [workspaceId, ...ids],
      );
      for (const id of ids) out.set(`${workspaceId}\u0000${id}`, new Map());
      for (const r of rows) out.get(`${workspaceId}\u0000${r.invitation_id}`)!.set(r.question_id, r.value);
    }
    return out;
  }

  /** Checks what can be checked alone (shape, expiry, status), then joins the next group. */
  submit(invitation: Invitation, survey: Survey, body: unknown, now: number): Promise<Progress> {
    return new Promise((resolve, reject) => {
      const answers = this.opened(invitation, body, now);
      this.waiting.push({ invitation, survey, answers, now, resolve, reject });
      if (!this.flushing) {
        this.flushing = true;
        // Submissions of the same turn of the event loop, and those arriving while a group is
        // committed, form the next group.
        setImmediate(() => void this.flushAll());
      }
    });
  }

  private opened(invitation: Invitation, body: unknown, now: number) {
    const parsed = answersInput.safeParse(body);
    if (!parsed.success) throw new InputError(zodIssues(parsed.error));
    if (now >= invitation.expiresAt) throw surveyError('token_expired', 'this survey has expired');
    if (invitation.status !== 'sent')
      throw surveyError('closed', `this invitation is ${invitation.status}, not open for answers`);
    return parsed.data.answers;
  }

  private async flushAll() {
    while (this.waiting.length) await this.flush(this.waiting.splice(0, GROUP_LIMIT));
    this.flushing = false;
  }

  private async flush(group: Submission[]) {
    let stored: Map<string, StoredAnswers>;
    try {
      stored = await this.storedOf(group.map((s) => s.invitation));
    } catch (error) {
      for (const s of group) s.reject(error);
      return;
    }
    const byWorkspace = new Map<string, Planned[]>();
    for (const submission of group) {
      const answers = stored.get(key(submission.invitation))!;
      let plan: AnswerPlan;
      try {
        plan = planAnswers(submission.survey, submission.answers, answers);
      } catch (error) {
        submission.reject(error);
        continue;
      }
      for (const [id, value] of plan.fresh) answers.set(id, value);
      const list = byWorkspace.get(submission.invitation.workspaceId) ?? [];
      byWorkspace.set(submission.invitation.workspaceId, [...list, { submission, plan }]);
    }
    await Promise.all([...byWorkspace].map(([workspaceId, planned]) => this.commit(workspaceId, planned)));
  }

  /** Stores one workspace's checked submissions in one ingest batch. */
  private async commit(workspaceId: string, planned: Planned[]) {
    const fresh: FreshAnswer[] = planned.flatMap(({ submission: s, plan }) =>
      plan.fresh.map(([question, value]) => ({
        invitation: s.invitation,
        surveyId: s.survey.id,
        question,
        value,
        at: s.now,
      })),
    );
    const marks = new Map<string, { invitation: Invitation; moments: Map<Moment, number> }>();
    for (const { submission: s, plan } of planned) {
      const mark = marks.get(s.invitation.id) ?? { invitation: s.invitation, moments: new Map() };
      for (const moment of momentsOf(s.invitation, plan)) {
        const at = mark.moments.get(moment);
        mark.moments.set(moment, at === undefined ? s.now : Math.min(at, s.now));
      }
      if (mark.moments.size) marks.set(s.invitation.id, mark);
    }
    const inserts = insertAnswers(fresh);
    const statements = [...inserts, ...guardAnswers(fresh), ...markInvitations([...marks.values()])];
    const feedback = planned.flatMap(({ submission, plan }) => feedbackOf(submission, plan));
    try {
      const { results } = await this.ingest.ownWith(
        workspaceId,
        'feedback',
        feedback,
        planned[0]!.submission.now,
        statements,
      );
      const inserted = new Set(
        results
          .slice(0, inserts.length)
          .flatMap((r) =>
            r.rows.map(
              (x) => `${text(x.invitation_id, 'invitation_id')}\u0000${text(x.question_id, 'question_id')}`,
            ),
          ),
      );
      for (const { submission: s, plan } of planned) {
        const saved = plan.fresh.filter(([id]) => inserted.has(`${s.invitation.id}\u0000${id}`)).length;
        s.resolve(progressOf(plan, saved));
      }
    } catch {
      // A guard fired (another process stored a different answer since the read) or the batch
      // failed otherwise: each submission goes again alone, so that only the one at fault fails
      // and it gets the answer a sequential retry would.
      for (const { submission: s } of planned)
        await this.submitAlone(s.invitation, s.survey, s.answers, s.now).then(s.resolve, s.reject);
    }
  }

  /**
   * One submission in a transaction of its own: read, check, write with guards, then its scores.
   * Used when a group failed, to single out the submission at fault.
   */
  private async submitAlone(
    invitation: Invitation,
    survey: Survey,
    answers: Submission['answers'],
    now: number,
  ): Promise<Progress> {
    const plan = planAnswers(survey, answers, await this.stored(invitation));
    const fresh = plan.fresh.map(([question, value]) => ({
      invitation,
      surveyId: survey.id,
      question,
      value,
      at: now,
    }));
    const inserts = insertAnswers(fresh);
    const marks = markFirst(invitation, momentsOf(invitation, plan), now);
    let results;
    try {
      results = await this.store.write([...inserts, ...guardAnswers(fresh), ...marks]);
    } catch (error) {
      const current = await this.stored(invitation);
      const lost = plan.fresh.find(([id, value]) => {
        const kept = current.get(id);
        return kept !== undefined && JSON.stringify(kept) !== JSON.stringify(value);
      });
      if (lost)
        throw surveyError('already_answered', `"${lost[0]}" is already answered; answers cannot be changed`);
      throw error;
    }
    const saved = results.slice(0, inserts.length).reduce((n, r) => n + r.changed, 0);
    // A repeat of a scored answer is a duplicate to ingest, and it heals a crash between storing
    // the answer and its feedback in an older version that stored them apart.
    const feedback = feedbackOf({ invitation, survey, answers, now }, plan);
    if (feedback.length) await this.ingest.own(invitation.workspaceId, 'feedback', { batch: feedback }, now);
    return progressOf(plan, saved);
  }
}

function momentsOf(invitation: Invitation, plan: AnswerPlan): Moment[] {
  const moments: Moment[] = ['opened_at'];
  if (plan.answered.size > 0) moments.push('started_at');
  if (plan.next === null) moments.push('completed_at');
  return unsetMoments(invitation, moments);
}

/** The scored answers of this submission, new or repeated, as feedback items. */
function feedbackOf(
  s: Pick<Submission, 'invitation' | 'survey' | 'answers' | 'now'>,
  plan: AnswerPlan,
): FeedbackInput[] {
  const submitted = new Set(s.answers.map((a) => a.question));
  return [...plan.answered].flatMap(([id, value]) => {
    if (!submitted.has(id)) return [];
    const item = answerFeedback(s.survey, findQuestion(s.survey, id)!, value, {
      invitationId: s.invitation.id,
      customerId: s.invitation.customerId,
      answeredAt: s.now,
    });
    return item ? [item] : [];
  });
}

function progressOf(plan: AnswerPlan, saved: number): Progress {
  return {
    saved,
    duplicates: plan.duplicates + (plan.fresh.length - saved),
    next: plan.next?.id ?? null,
    completed: plan.next === null,
  };
}
