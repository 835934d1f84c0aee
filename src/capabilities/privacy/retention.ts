import { DomainError } from '../../platform/errors.ts';
import type { Store } from '../../platform/store/port.ts';
import { epochMs, nullable, num, row, text } from '../../platform/store/rows.ts';

const DAY = 86_400_000;

/** Retention periods in days; null keeps that kind of data forever (the default). */
export interface RetentionSettings {
  eventsDays: number | null;
  commentsDays: number | null;
}

export interface RetentionRun {
  workspaceId: string;
  /** Raw events older than this were deleted (after being counted into event_daily_counts). */
  eventsBefore: number | null;
  eventsDeleted: number;
  /** Feedback older than this lost its comment text; its score stays. */
  commentsBefore: number | null;
  commentsCleared: number;
}

const settingsRow = row({
  events_retention_days: nullable(num),
  comments_retention_days: nullable(num),
  updated_at: epochMs,
});

function checkDays(value: unknown, path: string): number | null {
  if (value === null) return null;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 36_500)
    throw new DomainError('invalid', `${path} is a whole number of days, 1-36500, or null to keep forever`, {
      issues: [{ path, code: 'invalid_value', message: '1-36500 days, or null' }],
    });
  return value;
}

/**
 * Per-workspace retention of raw events and of comment text, enforced by the retention job
 * (privacy/worker.ts) with the clock it is given.
 *
 * What survives: every feedback score (scores, NPS/CSAT/CES, pain points and drivers that read
 * scores keep their history: only the comment text goes), and for events a daily count per event
 * name and touchpoint (event_daily_counts), written in the same transaction as the deletion.
 * What does not: per-customer event sequences before the cut-off, so the funnel, journey time,
 * retention/churn and outcome-based analyses (which follow customers through events) count only
 * the kept period. docs/privacy.md says the same.
 */
export class Retention {
  constructor(
    private readonly store: Store,
    private readonly now: () => number,
  ) {}

  async get(workspaceId: string): Promise<RetentionSettings> {
    const [r] = await this.store.readRows(
      settingsRow,
      'SELECT events_retention_days, comments_retention_days, updated_at FROM privacy_settings WHERE workspace_id = $1',
      [workspaceId],
    );
    return { eventsDays: r?.events_retention_days ?? null, commentsDays: r?.comments_retention_days ?? null };
  }

  /** Validates and stores the settings; returns them (the audit middleware diffs before and after). */
  async set(workspaceId: string, input: unknown): Promise<RetentionSettings> {
    if (typeof input !== 'object' || input === null || Array.isArray(input))
      throw new DomainError('invalid', 'the body is a JSON object', {
        issues: [{ path: '', code: 'invalid_type', message: 'an object with eventsDays and commentsDays' }],
      });
    const body = input as Record<string, unknown>;
    const unknownKey = Object.keys(body).find((k) => k !== 'eventsDays' && k !== 'commentsDays');
    if (unknownKey)
      throw new DomainError('invalid', `unknown field ${unknownKey}`, {
        issues: [
          { path: unknownKey, code: 'unrecognized_keys', message: 'only eventsDays and commentsDays' },
        ],
      });
    const settings = {
      eventsDays: checkDays(body.eventsDays ?? null, 'eventsDays'),
      commentsDays: checkDays(body.commentsDays ?? null, 'commentsDays'),
    };
    await this.store.write([
      { sql: 'DELETE FROM privacy_settings WHERE workspace_id = $1', params: [workspaceId] },
      {
        sql: 'INSERT INTO privacy_settings VALUES ($1, $2, $3, $4)',
        params: [workspaceId, settings.eventsDays, settings.commentsDays, new Date(this.now())],
      },
    ]);
    return settings;
  }

  /**
   * Enforces one workspace's settings at the clock's time, in one transaction: counts the events
   * about to go into event_daily_counts (added to counts an earlier run made for the same day),
   * deletes them, and clears old comments. Running it twice deletes nothing more.
   */
  async enforce(workspaceId: string): Promise<RetentionRun> {
    const settings = await this.get(workspaceId);
    const now = this.now();
    const eventsBefore = settings.eventsDays === null ? null : now - settings.eventsDays * DAY;
    const commentsBefore = settings.commentsDays === null ? null : now - settings.commentsDays * DAY;
    const statements = [];
    if (eventsBefore !== null) {
      const cut = new Date(eventsBefore);
      statements.push(
        {
          sql: `INSERT INTO event_daily_counts (workspace_id, day, name, touchpoint, events)
                SELECT workspace_id, CAST(date_trunc('day', ts) AS DATE), name, coalesce(touchpoint, ''), count(*)
                FROM events WHERE workspace_id = $1 AND ts < $2
                GROUP BY workspace_id, CAST(date_trunc('day', ts) AS DATE), name, coalesce(touchpoint, '')
                ON CONFLICT (workspace_id, day, name, touchpoint)
                DO UPDATE SET events = event_daily_counts.events + excluded.events`,
          params: [workspaceId, cut],
        },
        { sql: 'DELETE FROM events WHERE workspace_id = $1 AND ts < $2', params: [workspaceId, cut] },
      );
    }
    if (commentsBefore !== null)
      statements.push({
        sql: 'UPDATE feedback SET comment = NULL WHERE workspace_id = $1 AND ts < $2 AND comment IS NOT NULL',
        params: [workspaceId, new Date(commentsBefore)],
      });
    const results = statements.length ? await this.store.write(statements) : [];
    return {
      workspaceId,
      eventsBefore,
      eventsDeleted: eventsBefore === null ? 0 : (results[1]?.changed ?? 0),
      commentsBefore,
      commentsCleared: commentsBefore === null ? 0 : (results[results.length - 1]?.changed ?? 0),
    };
  }

  /** Every workspace that has settings, one after the other (the job's run). */
  async enforceAll(): Promise<RetentionRun[]> {
    const rows = await this.store.readRows(
      row({ workspace_id: text }),
      'SELECT workspace_id FROM privacy_settings',
    );
    const runs = [];
    for (const r of rows) runs.push(await this.enforce(r.workspace_id));
    return runs;
  }

  /** The daily counts that outlive deleted events, for a period (epoch ms, day granularity). */
  async dailyCounts(
    workspaceId: string,
  ): Promise<{ day: string; name: string; touchpoint: string; events: number }[]> {
    return this.store.readRows(
      row({ day: text, name: text, touchpoint: text, events: num }),
      `SELECT CAST(day AS VARCHAR) AS day, name, touchpoint, events FROM event_daily_counts
       WHERE workspace_id = $1 ORDER BY day, name, touchpoint`,
      [workspaceId],
    );
  }
}
