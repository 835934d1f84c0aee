import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse } from 'yaml';
import { InputError } from '../../core/issues.ts';
import type { Survey } from '../../core/surveys/schema.ts';
import { TriggerIndex } from '../../core/surveys/trigger-index.ts';
import { parseSurvey } from '../../core/surveys/validate.ts';
import type { JourneyService } from '../journeys/service.ts';
import { copyMaxAgeMs } from '../../platform/store/shared-copies.ts';
import type { Store } from '../../platform/store/port.ts';

interface Loaded {
  surveys: Map<string, Survey>;
  index: TriggerIndex;
  /** performance.now() when read from the store. */
  loadedAt: number;
}

/** Parses survey YAML or JSON text; a syntax error is an InputError like any other bad input. */
export function parseSurveyText(text: string, format: 'yaml' | 'json'): unknown {
  try {
    return format === 'json' ? JSON.parse(text) : parse(text);
  } catch (error) {
    throw new InputError([
      {
        path: '',
        code: 'malformed',
        message: `not valid ${format.toUpperCase()}: ${(error as Error).message}`,
      },
    ]);
  }
}

/** Reads a survey file; a file may hold one survey or a list of them (`surveys: [...]` or `[...]`). */
export function readSurveyFile(path: string): unknown[] {
  const data = parseSurveyText(
    readFileSync(path, 'utf8'),
    extname(path).toLowerCase() === '.json' ? 'json' : 'yaml',
  );
  if (Array.isArray(data)) return data;
  if (data && typeof data === 'object' && Array.isArray((data as { surveys?: unknown }).surveys))
    return (data as { surveys: unknown[] }).surveys;
  return [data];
}

/**
 * Survey definitions per workspace, kept in memory with their trigger index: ingest asks for the
 * index before storing every batch, so it must be a map look-up, not a query (re-read
 * after SHARED_COPY_MAX_AGE_MS where other processes write: platform/store/shared-copies.ts).
 */
export class SurveyDefinitions {
  private readonly cache = new Map<string, Loaded>();
  private readonly loading = new Map<string, Promise<Loaded>>();
  /**
   * Saves per workspace in this process. A read that began before a save may finish after it;
   * kept, its old triggers would stand until the next save and events the new ones watch would
   * produce no domain event. So a read is kept only if no save came in between.
   */
  private readonly saves = new Map<string, number>();
  private readonly maxAgeMs: number;

  constructor(
    private readonly store: Store,
    private readonly journeys: JourneyService,
  ) {
    this.maxAgeMs = copyMaxAgeMs(store);
  }

  /** Validates and stores a survey (replacing one with the same id); returns it as stored. */
  async save(workspaceId: string, input: unknown, now: number): Promise<Survey> {
    const journey = await this.journeys.get(workspaceId);
    const result = parseSurvey(input, journey.touchpoints);
    if (!result.ok) throw new InputError(result.issues);
    const survey = result.survey;
    await this.store.write([
      {
        sql: `INSERT INTO surveys VALUES ($1, $2, $3::JSON, 1, $4, $5, $5)
              ON CONFLICT (workspace_id, id) DO UPDATE SET doc = excluded.doc, version = surveys.version + 1,
                active = excluded.active, updated_at = excluded.updated_at`,
        params: [workspaceId, survey.id, JSON.stringify(survey), survey.active, new Date(now)],
      },
    ]);
    this.saves.set(workspaceId, (this.saves.get(workspaceId) ?? 0) + 1);
    this.cache.delete(workspaceId);
    this.loading.delete(workspaceId);
    return survey;
  }

  async list(workspaceId: string): Promise<Survey[]> {
    return [...(await this.load(workspaceId)).surveys.values()];
  }

  async get(workspaceId: string, id: string): Promise<Survey | null> {
    return (await this.load(workspaceId)).surveys.get(id) ?? null;
  }

  async index(workspaceId: string): Promise<TriggerIndex> {
    return (await this.load(workspaceId)).index;
  }

  private load(workspaceId: string): Promise<Loaded> {
    const hit = this.cache.get(workspaceId);
    if (hit && performance.now() - hit.loadedAt < this.maxAgeMs) return Promise.resolve(hit);
    const inFlight = this.loading.get(workspaceId);
    if (inFlight) return inFlight;
    const startedAt = performance.now();
    const saves = this.saves.get(workspaceId) ?? 0;
    const pending: Promise<Loaded> = this.store
      .read('SELECT doc::VARCHAR AS doc FROM surveys WHERE workspace_id = $1 ORDER BY id', [workspaceId])
      .then((rows) => {
        const surveys = new Map(
          rows.map((r) => JSON.parse(r.doc as string) as Survey).map((s) => [s.id, s] as const),
        );
        const loaded = { surveys, index: new TriggerIndex([...surveys.values()]), loadedAt: startedAt };
        if ((this.saves.get(workspaceId) ?? 0) === saves) this.cache.set(workspaceId, loaded);
        return loaded;
      })
      .finally(() => {
        if (this.loading.get(workspaceId) === pending) this.loading.delete(workspaceId);
      });
    this.loading.set(workspaceId, pending);
    return pending;
  }
}
