import type { AnswerValue } from './answers.ts';
import { nextQuestion } from './branching.ts';
import { isChoice, isScored } from './questions.ts';
import type { Survey } from './schema.ts';

/** One invitation as results need it: its fate and the answers it got (null = skipped). */
export interface RespondentRow {
  status: string;
  opened: boolean;
  completed: boolean;
  answers: Map<string, AnswerValue | null>;
}

export interface QuestionResult {
  id: string;
  kind: string;
  answered: number;
  skipped: number;
  /** Respondents who opened or started but stopped with this as their next question. */
  droppedHere: number;
  /** droppedHere as a share of everyone who was shown the survey (opened or started). */
  dropOffRate: number | null;
  /** Scored questions: counts per score; choice questions: counts per option id. */
  distribution: Record<string, number>;
  mean?: number | null;
}

export interface SurveyResults {
  invitations: number;
  scheduled: number;
  sent: number;
  opens: number;
  starts: number;
  completions: number;
  skippedByPolicy: number;
  failed: number;
  expired: number;
  /** Responses (partial ones count) per invitation sent. */
  responseRate: number | null;
  completionRate: number | null;
  skippedShare: number | null;
  questions: QuestionResult[];
}

const share = (n: number, d: number) => (d > 0 ? n / d : null);

/** Funnel and per-question results of a survey from its invitations and their answers. */
export function surveyResults(survey: Survey, rows: RespondentRow[]): SurveyResults {
  const count = (status: string) => rows.filter((r) => r.status === status).length;
  const started = rows.filter((r) => r.answers.size > 0);
  const shown = rows.filter((r) => r.opened || r.answers.size > 0);
  const sent = count('sent');
  const questions: QuestionResult[] = survey.questions.map((q) => ({
    id: q.id,
    kind: q.kind,
    answered: 0,
    skipped: 0,
    droppedHere: 0,
    dropOffRate: null,
    distribution: {},
    ...(isScored(q) ? { mean: null } : {}),
  }));
  const byId = new Map(questions.map((q) => [q.id, q]));
  const sums = new Map<string, number>();
  for (const row of shown) {
    const answered = new Map<string, AnswerValue>();
    const skipped = new Set<string>();
    for (const [id, value] of row.answers) {
      const result = byId.get(id);
      if (!result) continue; // a question removed from the survey since
      if (value === null) {
        skipped.add(id);
        result.skipped++;
        continue;
      }
      answered.set(id, value);
      result.answered++;
      for (const key of Array.isArray(value) ? value : [String(value)])
        // Own entries only: an option id "constructor" would read Object.prototype's.
        result.distribution[key] =
          (Object.hasOwn(result.distribution, key) ? result.distribution[key]! : 0) + 1;
      if (typeof value === 'number') sums.set(id, (sums.get(id) ?? 0) + value);
    }
    if (!row.completed) {
      const next = nextQuestion(survey, answered, skipped);
      if (next) byId.get(next.id)!.droppedHere++;
    }
  }
  for (const q of questions) {
    q.dropOffRate = share(q.droppedHere, shown.length);
    if ('mean' in q) q.mean = q.answered ? sums.get(q.id)! / q.answered : null;
    const question = survey.questions.find((s) => s.id === q.id)!;
    if (isChoice(question))
      for (const o of question.options) if (!Object.hasOwn(q.distribution, o.id)) q.distribution[o.id] = 0;
  }
  const skippedByPolicy = count('skipped');
  return {
    invitations: rows.length,
    scheduled: count('scheduled') + count('claimed') + count('sending'),
    sent,
    opens: shown.length,
    starts: started.length,
    completions: rows.filter((r) => r.completed).length,
    skippedByPolicy,
    failed: count('failed'),
    expired: count('expired'),
    responseRate: share(started.length, sent),
    completionRate: share(rows.filter((r) => r.completed).length, started.length),
    skippedShare: share(skippedByPolicy, rows.length),
    questions,
  };
}
