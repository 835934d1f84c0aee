import { DEFAULT_BAD, experienceOf } from '../../core/experience/answers.ts';
import { METRICS } from '../../core/ingest/schemas.ts';
import {
  classify,
  crossValidate,
  train,
  vocabularyIndex,
  type TrainedModel,
} from '../../core/text/classifier.ts';
import { macroF1 } from '../../core/text/f1.ts';
import { builtinSentiment, type SentimentLabel } from '../../core/text/sentiment.ts';
import { DomainError } from '../../platform/errors.ts';
import type { Store } from '../../platform/store/port.ts';
import { epochMs, num, row, text } from '../../platform/store/rows.ts';

/**
 * The model a workspace learns from its own scored comments. A comment's label comes from the
 * score it came with, through the one definition of a bad and a good experience
 * (core/experience): bad -> negative, good -> positive, in between -> neutral. The model is judged
 * by 5-fold cross-validated macro-F1 on those comments, against the built-in model's macro-F1 on
 * the same comments and labels; `better` says whether it beat it.
 */

/** Fewer scored English comments than this: no model (five folds of 40 are already thin). */
export const MIN_SCORED_COMMENTS = 200;
/** The newest scored comments a model learns from. */
const TRAINING_LIMIT = 20_000;
/** Retrained once the scored comments have grown by this share. */
const RETRAIN_GROWTH = 0.2;

export interface ModelFigures {
  comments: number;
  cvMacroF1: number;
  builtinMacroF1: number;
  /** the workspace model's figure beats the built-in model's on the same comments */
  better: boolean;
  trainedAt: string;
}

const scored = row({ comment: text, metric: text, score: num, scale_min: num, scale_max: num });

async function scoredComments(store: Store, workspaceId: string) {
  const rows = await store.readRows(
    scored,
    `SELECT f.comment, f.metric, f.score, f.scale_min, f.scale_max
     FROM feedback f JOIN text_comments t ON t.workspace_id = f.workspace_id AND t.feedback_id = f.id
     WHERE f.workspace_id = $1 AND t.label IS NOT NULL
     ORDER BY f.ts DESC, f.id LIMIT ${TRAINING_LIMIT}`,
    [workspaceId],
  );
  const label: Record<string, SentimentLabel> = { bad: 'negative', neutral: 'neutral', good: 'positive' };
  return rows.flatMap((r) => {
    const metric = METRICS.find((m) => m === r.metric);
    if (!metric) return [];
    const experience = experienceOf(DEFAULT_BAD, metric, r.score, { min: r.scale_min, max: r.scale_max });
    return [{ text: r.comment, label: label[experience]! }];
  });
}

const countSql = `SELECT count(*) AS n FROM text_comments WHERE workspace_id = $1 AND label IS NOT NULL`;

/** Trains, judges and stores the workspace model; refused when there are too few scored comments. */
export async function trainWorkspaceModel(
  store: Store,
  workspaceId: string,
  now: number,
): Promise<ModelFigures> {
  const docs = await scoredComments(store, workspaceId);
  if (docs.length < MIN_SCORED_COMMENTS)
    throw new DomainError(
      'conflict',
      `the workspace holds ${docs.length} scored comments in English; a model needs at least ${MIN_SCORED_COMMENTS}`,
      { code: 'too_few_comments' },
    );
  const cvMacroF1 = crossValidate(docs);
  const builtinMacroF1 = macroF1(
    docs.map((d) => d.label),
    docs.map((d) => builtinSentiment(d.text).label),
  ).macroF1;
  const model = train(docs);
  const trainedAt = new Date(now);
  await store.write([
    { sql: `DELETE FROM text_models WHERE workspace_id = $1`, params: [workspaceId] },
    {
      sql: `INSERT INTO text_models (workspace_id, comments, cv_macro_f1, builtin_macro_f1, model, trained_at) VALUES ($1, $2, $3, $4, $5, $6)`,
      params: [workspaceId, docs.length, cvMacroF1, builtinMacroF1, JSON.stringify(model), trainedAt],
    },
  ]);
  return {
    comments: docs.length,
    cvMacroF1,
    builtinMacroF1,
    better: cvMacroF1 > builtinMacroF1,
    trainedAt: trainedAt.toISOString(),
  };
}

const figuresRow = row({ comments: num, cv_macro_f1: num, builtin_macro_f1: num, trained_at: epochMs });

export async function modelFigures(store: Store, workspaceId: string): Promise<ModelFigures | null> {
  const [r] = await store.readRows(
    figuresRow,
    `SELECT comments, cv_macro_f1, builtin_macro_f1, trained_at FROM text_models WHERE workspace_id = $1`,
    [workspaceId],
  );
  if (!r) return null;
  return {
    comments: r.comments,
    cvMacroF1: r.cv_macro_f1,
    builtinMacroF1: r.builtin_macro_f1,
    better: r.cv_macro_f1 > r.builtin_macro_f1,
    trainedAt: new Date(r.trained_at).toISOString(),
  };
}

/** Retrains when there is no model yet (and enough comments) or the scored comments grew by a fifth. */
export async function retrainIfDue(store: Store, workspaceId: string, now: number): Promise<boolean> {
  const [count] = await store.readRows(row({ n: num }), countSql, [workspaceId]);
  const n = count?.n ?? 0;
  if (n < MIN_SCORED_COMMENTS) return false;
  const figures = await modelFigures(store, workspaceId);
  if (figures && n < figures.comments * (1 + RETRAIN_GROWTH)) return false;
  await trainWorkspaceModel(store, workspaceId, now);
  return true;
}

/** The stored model as a classifier, trained first when it is missing or older than the comments. */
export async function workspaceClassifier(store: Store, workspaceId: string, now: number) {
  await retrainIfDue(store, workspaceId, now);
  const [r] = await store.readRows(
    row({ model: text }),
    `SELECT model FROM text_models WHERE workspace_id = $1`,
    [workspaceId],
  );
  if (!r)
    throw new DomainError(
      'conflict',
      `no workspace model: it needs at least ${MIN_SCORED_COMMENTS} scored comments in English`,
      {
        code: 'too_few_comments',
      },
    );
  const model = JSON.parse(r.model) as TrainedModel;
  const lookup = vocabularyIndex(model);
  return (text: string) => classify(model, text, lookup);
}
