import { analyseComment } from '../../core/text/comment.ts';
import { matchesTheme } from '../../core/text/themes.ts';
import type { SentimentLabel } from '../../core/text/sentiment.ts';
import type { DomainEvents } from '../../platform/events/delivery.ts';
import { DomainError } from '../../platform/errors.ts';
import { runJob } from '../../platform/jobs/job.ts';
import type { Store } from '../../platform/store/port.ts';
import type { TimeWindow } from '../../platform/time/window.ts';
import type { IngestService } from '../ingest/service.ts';
import { analyseText } from './analysis.ts';
import { backfillJob, startBackfill } from './backfill-job.ts';
import type { FeedbackSearchQuery, SentimentResult } from './contract.ts';
import { themeGrowthReport } from './growth.ts';
import { searchFeedback } from './search.ts';
import { CommentSubscriber } from './subscriber.ts';
import { defineTheme, deleteTheme, listThemes, refreshDiscovered, type StoredTheme } from './themes.ts';
import { modelFigures, trainWorkspaceModel, workspaceClassifier } from './workspace-model.ts';

/**
 * Understanding what customers write: sentiment and stems of every comment (read when it is
 * stored, through `ingest.feedback-stored`), themes, search, and the analyses over them.
 */
export class TextService {
  readonly subscriber: CommentSubscriber;

  constructor(
    private readonly store: Store,
    ingest: IngestService,
    events: DomainEvents,
    private readonly now: () => number,
  ) {
    this.subscriber = new CommentSubscriber(store);
    ingest.watchComments();
    events.subscribe(this.subscriber);
  }

  analyse(workspaceId: string, window: TimeWindow, touchpoint?: string) {
    return analyseText(this.store, workspaceId, window, touchpoint);
  }

  growth(workspaceId: string, window: TimeWindow, touchpoint?: string) {
    return themeGrowthReport(this.store, workspaceId, window, touchpoint);
  }

  search(workspaceId: string, window: TimeWindow, query: Omit<FeedbackSearchQuery, 'from' | 'to'>) {
    return searchFeedback(this.store, workspaceId, window, query);
  }

  themes(workspaceId: string): Promise<StoredTheme[]> {
    return listThemes(this.store, workspaceId);
  }

  defineTheme(workspaceId: string, id: string, theme: { label: string; keywords: string[] }) {
    if (id.startsWith('auto-'))
      throw new DomainError('invalid', 'ids starting with "auto-" belong to discovered themes', {
        issues: [{ path: 'id', code: 'reserved', message: 'choose an id that does not start with "auto-"' }],
      });
    return defineTheme(this.store, workspaceId, { id, ...theme }, this.now());
  }

  deleteTheme(workspaceId: string, id: string) {
    return deleteTheme(this.store, workspaceId, id);
  }

  /** Sentiment and themes of given texts, in order (nothing is stored). */
  async sentiment(
    workspaceId: string,
    items: readonly { id: string; text: string }[],
    model: 'builtin' | 'workspace',
  ): Promise<SentimentResult[]> {
    const themes = await listThemes(this.store, workspaceId);
    if (model === 'builtin') return items.map((item) => scoreItem(item, themes));
    const classify = await this.classifier(workspaceId);
    return items.map((item) => scoreItem(item, themes, classify));
  }

  /** The workspace model, trained first when it is missing or older than the scored comments. */
  classifier(workspaceId: string) {
    return workspaceClassifier(this.store, workspaceId, this.now());
  }

  model(workspaceId: string) {
    return modelFigures(this.store, workspaceId);
  }

  trainModel(workspaceId: string) {
    return trainWorkspaceModel(this.store, workspaceId, this.now());
  }

  /**
   * Reads every comment not yet read and discovers themes if due: what a server does in the
   * background, done now (the CLI, which delivers no domain events, and tests).
   */
  async catchUp(workspaceId: string): Promise<number> {
    let read = 0;
    for (;;) {
      const r = await runJob(backfillJob, { workspaceId }, { store: this.store, now: this.now });
      read += r.read;
      if (!r.more) return read;
    }
  }

  rediscover(workspaceId: string) {
    return refreshDiscovered(this.store, workspaceId, this.now(), true);
  }

  startBackfill(onError: (error: unknown) => void) {
    return startBackfill(this.store, this.now, onError);
  }
}

export const WORKSPACE_MODEL = 'workspace';

/**
 * One text's sentiment and themes: the built-in model's, or the workspace model's when `classify`
 * is given (for English only, as the built-in model: the workspace learned from English comments).
 */
export function scoreItem(
  item: { id: string; text: string },
  themes: readonly StoredTheme[],
  classify?: (text: string) => { label: SentimentLabel; score: number },
): SentimentResult {
  const a = analyseComment(item.text);
  const learned = classify && a.label !== null ? classify(item.text) : null;
  return {
    id: item.id,
    label: learned ? learned.label : a.label,
    score: learned ? learned.score : a.score,
    themes: themes.filter((t) => matchesTheme(a.stems, t)).map((t) => t.id),
    language: a.language,
    model: learned ? WORKSPACE_MODEL : a.model,
  };
}
