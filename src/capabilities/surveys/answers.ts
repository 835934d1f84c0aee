import { InputError, zodIssues, type FieldIssue } from '../../core/issues.ts';
import { checkAnswer, sameAnswer, type AnswerValue } from '../../core/surveys/answers.ts';
import { isAsked, nextQuestion } from '../../core/surveys/branching.ts';
import { answerFeedback } from '../../core/surveys/feedback.ts';
import { findQuestion, type Survey } from '../../core/surveys/schema.ts';
import type { IngestService } from '../ingest/service.ts';
import type { Store } from '../../platform/store/port.ts';
import { surveyError } from './errors.ts';
import { markFirst, type Invitation, type Moment } from './invitation-rows.ts';
import { json, row, RowShapeError, text, type Column } from '../../platform/store/rows.ts';
import { insertRows } from './sql.ts';
import { answersInput } from './contract.ts';

export interface Progress {
  /** Answers stored by this call. */
  saved: number;
  /** Answers that repeated one already stored (the same value): not stored or counted again. */
  duplicates: number;
  /** The next question to ask, or null when the respondent is done. */
  next: string | null;
  completed: boolean;
}

/** The answers stored so far (null = skipped), in question order. */
export type StoredAnswers = Map<string, AnswerValue | null>;

/** A stored answer's JSON: a value, or null for a skipped question (SQL NULL or JSON null). */
const storedValue: Column<AnswerValue | null> = (value, column) => {
  const parsed = value === null || value === undefined ? null : json(value, column);
  if (parsed === null || typeof parsed === 'number' || typeof parsed === 'string') return parsed;
  if (Array.isArray(parsed) && parsed.every((item) => typeof item === 'string')) return parsed;
  throw new RowShapeError(column, 'an answer (a number, a text or a list of texts)', parsed);
};

export function splitAnswers(stored: StoredAnswers) {
  const answered = new Map<string, AnswerValue>();
  const skipped = new Set<string>();
  for (const [id, value] of stored) {
    if (value === null) skipped.add(id);
    else answered.set(id, value);
  }
  return { answered, skipped };
}

/**
 * Saves answers question by question. A submission is checked whole first (every problem listed,
 * nothing stored if any), then each answer is stored once: the same answer again is a harmless
 * duplicate, a different one for an answered question is refused. Scored answers also go through
 * the ingest service as feedback, with ids derived from invitation and question, so scores count
 * every response exactly once even when a submission is retried after a crash.
 */
export class Answers {
  constructor(
    private readonly store: Store,
    private readonly ingest: IngestService,
  ) {}

  async stored(invitation: Invitation): Promise<StoredAnswers> {
    const rows = await this.store.readRows(
      row({ question_id: text, value: storedValue }),
      `SELECT question_id, value::VARCHAR AS value FROM survey_answers WHERE workspace_id = $1 AND invitation_id = $2`,
      [invitation.workspaceId, invitation.id],
    );
    return new Map(rows.map((r) => [r.question_id, r.value]));
  }

  async submit(invitation: Invitation, survey: Survey, body: unknown, now: number): Promise<Progress> {
    const parsed = answersInput.safeParse(body);
    if (!parsed.success) throw new InputError(zodIssues(parsed.error));
    if (now >= invitation.expiresAt) throw surveyError('token_expired', 'this survey has expired');
    if (invitation.status !== 'sent')
      throw surveyError('closed', `this invitation is ${invitation.status}, not open for answers`);

    const stored = await this.stored(invitation);
    const { answered, skipped } = splitAnswers(stored);
    const issues: FieldIssue[] = [];
    const fresh: [string, AnswerValue | null][] = [];
    let duplicates = 0;
    const seen = new Set<string>();
    parsed.data.answers.forEach(({ question: id, value }, i) => {
      const question = findQuestion(survey, id);
      const path = `answers.${i}.value`;
      // Two answers to one question in one request once stored the first and counted the
      // second in NPS: which one is meant cannot be known, so the request is refused whole.
      if (seen.has(id)) {
        issues.push({
          path: `answers.${i}.question`,
          code: 'duplicate_question',
          message: `"${id}" is answered twice in this request`,
        });
        return;
      }
      seen.add(id);
      if (!question) {
        issues.push({
          path: `answers.${i}.question`,
          code: 'unknown_question',
          message: `no question "${id}"`,
        });
        return;
      }
      if (!isAsked(question, answered)) {
        issues.push({
          path: `answers.${i}.question`,
          code: 'not_asked',
          message: `"${id}" is not asked after the answers given`,
        });
        return;
      }
      let checked: AnswerValue | null = null;
      if (value === null) {
        if (question.required)
          issues.push({ path, code: 'required', message: 'this question cannot be skipped' });
      } else {
        const result = checkAnswer(question, value, path);
        if (!result.ok) return void issues.push(result.issue);
        checked = result.value;
      }
      if (stored.has(id)) {
        const before = stored.get(id)!;
        if (before === null ? checked === null : checked !== null && sameAnswer(before, checked))
          duplicates++;
        else throw surveyError('already_answered', `"${id}" is already answered; answers cannot be changed`);
        return;
      }
      if (checked === null) skipped.add(id);
      else answered.set(id, checked);
      fresh.push([id, checked]);
    });
    if (issues.length) throw new InputError(issues);

    const next = nextQuestion(survey, answered, skipped);
    const inserts = insertRows(
      'INSERT INTO survey_answers',
      'ON CONFLICT DO NOTHING',
      fresh.map(([id, value]) => [
        invitation.workspaceId,
        invitation.id,
        id,
        survey.id,
        invitation.customerId,
        value === null ? null : JSON.stringify(value),
        invitation.channel,
        new Date(now),
      ]),
    );
    const moments: Moment[] = ['opened_at'];
    if (answered.size > 0) moments.push('started_at');
    if (next === null) moments.push('completed_at');
    const marks = markFirst(invitation, moments, now);
    // Another submission may store a different answer between our read and this write (eleven
    // concurrent ones all got 200 while one value was kept). The guards fail the transaction by
    // re-inserting a key that holds another value, so the first answer wins and nothing of this
    // request is stored; the catch below turns that into the 409 a sequential retry gets.
    const guards = fresh.map(([id, value]) => ({
      sql: `INSERT INTO survey_answers SELECT * FROM survey_answers
            WHERE workspace_id = $1 AND invitation_id = $2 AND question_id = $3
              AND CAST(value AS VARCHAR) IS DISTINCT FROM $4`,
      params: [invitation.workspaceId, invitation.id, id, value === null ? null : JSON.stringify(value)],
    }));
    let results;
    try {
      results = await this.store.write([...inserts, ...guards, ...marks]);
    } catch (error) {
      const current = await this.stored(invitation);
      const lost = fresh.find(([id, value]) => {
        const kept = current.get(id);
        return kept !== undefined && JSON.stringify(kept) !== JSON.stringify(value);
      });
      if (lost)
        throw surveyError('already_answered', `"${lost[0]}" is already answered; answers cannot be changed`);
      throw error;
    }
    // A concurrent identical submission may have stored some first: those are duplicates too.
    const saved = results.slice(0, inserts.length).reduce((n, r) => n + r.changed, 0);

    // The scored answers of this submission, new or repeated: a repeat is a duplicate to ingest,
    // and it heals a crash between storing the answer and ingesting its feedback.
    const submitted = new Set(parsed.data.answers.map((a) => a.question));
    const feedback = [...answered].flatMap(([id, value]) => {
      if (!submitted.has(id)) return [];
      const item = answerFeedback(survey, findQuestion(survey, id)!, value, {
        invitationId: invitation.id,
        customerId: invitation.customerId,
        answeredAt: now,
      });
      return item ? [item] : [];
    });
    if (feedback.length) await this.ingest.own(invitation.workspaceId, 'feedback', { batch: feedback }, now);
    return {
      saved,
      duplicates: duplicates + (fresh.length - saved),
      next: next?.id ?? null,
      completed: next === null,
    };
  }
}
