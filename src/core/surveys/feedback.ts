import type { FeedbackInput } from '../ingest/schemas.ts';
import type { AnswerValue } from './answers.ts';
import { isScored, scaleOf, type Question } from './questions.ts';
import type { Survey } from './schema.ts';

/**
 * The feedback item a scored answer becomes, in the canonical shape the ingest service takes, so
 * survey answers count in the touchpoint's scores like any other feedback. The id is derived from
 * the invitation and question: a repeated submission is a duplicate, never a second response.
 */
export function answerFeedback(
  survey: Survey,
  question: Question,
  value: AnswerValue,
  meta: { invitationId: string; customerId: string; answeredAt: number },
): FeedbackInput | null {
  if (!isScored(question) || typeof value !== 'number') return null;
  return {
    id: `${meta.invitationId}.${question.id}`,
    customerId: meta.customerId,
    touchpoint: survey.touchpoint,
    metric: question.kind,
    score: value,
    ...(question.kind === 'rating' ? { scale: scaleOf(question) } : {}),
    timestamp: new Date(meta.answeredAt).toISOString(),
    source: `survey:${survey.id}`,
  };
}
