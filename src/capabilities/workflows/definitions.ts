import { readFileSync, readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { parse } from 'yaml';
import { InputError, zodIssues } from '../../core/issues.ts';
import { workflowSchema, type Workflow } from '../../core/workflows/definition.ts';
import { workflowIssues, type KnownNames } from '../../core/workflows/validate.ts';
import type { JourneyService } from '../journeys/service.ts';
import type { SurveyService } from '../surveys/service.ts';
import { copyMaxAgeMs } from '../../platform/store/shared-copies.ts';
import type { Store } from '../../platform/store/port.ts';
import { row, text } from '../../platform/store/rows.ts';
import { BASE_VARIABLES, templateVariables } from './templates.ts';

/** Parses workflow YAML or JSON text; a syntax error is an InputError like any other bad input. */
export function parseWorkflowText(source: string, format: 'yaml' | 'json'): unknown {
  try {
    return format === 'json' ? JSON.parse(source) : parse(source);
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

/** The workflow files of a path: the file itself, or every .yaml/.yml/.json file of a folder, by name. */
export function workflowFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .filter((f) => ['.yaml', '.yml', '.json'].includes(extname(f).toLowerCase()))
    .sort()
    .map((f) => join(path, f));
}

export function readWorkflowFile(path: string): unknown {
  return parseWorkflowText(
    readFileSync(path, 'utf8'),
    extname(path).toLowerCase() === '.json' ? 'json' : 'yaml',
  );
}

interface Loaded {
  workflows: Map<string, Workflow>;
  loadedAt: number;
}

/**
 * Workflow definitions per workspace, kept in memory: ingest asks which events active workflows
 * watch before storing every batch, so that must be a map look-up, not a query.
 */
export class WorkflowDefinitions {
  private readonly cache = new Map<string, Loaded>();
  private readonly maxAgeMs: number;
  /** Roots that template-data providers add (e.g. `recommendations`), beside BASE_VARIABLES. */
  private readonly provided: Record<string, readonly string[]> = {};

  constructor(
    private readonly store: Store,
    private readonly journeys: JourneyService,
    private readonly surveys: SurveyService,
  ) {
    this.maxAgeMs = copyMaxAgeMs(store);
  }

  provide(root: string, fields: readonly string[]): void {
    this.provided[root] = fields;
  }

  get variables(): Record<string, readonly string[]> {
    return { ...BASE_VARIABLES, ...this.provided };
  }

  /** Parses and checks a definition against the workspace; throws an InputError listing every fault. */
  async check(workspaceId: string, input: unknown): Promise<Workflow> {
    const parsed = workflowSchema.safeParse(input);
    if (!parsed.success) throw new InputError(zodIssues(parsed.error));
    const workflow = parsed.data;
    const issues = workflowIssues(workflow, await this.known(workspaceId, workflow.id));
    if (issues.length) throw new InputError(issues);
    return workflow;
  }

  async save(workspaceId: string, input: unknown, now: number): Promise<Workflow> {
    const workflow = await this.check(workspaceId, input);
    await this.store.write([
      {
        sql: `INSERT INTO workflows VALUES ($1, $2, $3::JSON, 1, $4, $5, $5)
              ON CONFLICT (workspace_id, id) DO UPDATE SET doc = excluded.doc, version = workflows.version + 1,
                active = excluded.active, updated_at = excluded.updated_at`,
        params: [workspaceId, workflow.id, JSON.stringify(workflow), workflow.active, new Date(now)],
      },
    ]);
    this.cache.delete(workspaceId);
    return workflow;
  }

  async list(workspaceId: string): Promise<Workflow[]> {
    return [...(await this.load(workspaceId)).workflows.values()];
  }

  async get(workspaceId: string, id: string): Promise<Workflow | null> {
    return (await this.load(workspaceId)).workflows.get(id) ?? null;
  }

  /** Event names that active workflows act on: triggers, awaited events and goals. */
  async watchedEvents(workspaceId: string): Promise<{ names: Set<string>; stageTouchpoints: Set<string> }> {
    const names = new Set<string>();
    const stageTouchpoints = new Set<string>();
    const journey = await this.journeys.get(workspaceId);
    for (const w of await this.list(workspaceId)) {
      if (!w.active) continue;
      if (w.trigger.event) names.add(w.trigger.event);
      if (w.trigger.stage)
        for (const [id, entry] of journey.touchpoints)
          if (entry.stage.id === w.trigger.stage) stageTouchpoints.add(id);
      if (w.goal) names.add(w.goal.event);
      for (const s of w.steps) if (s.type === 'wait_until' && s.event) names.add(s.event);
    }
    return { names, stageTouchpoints };
  }

  private async known(workspaceId: string, self: string): Promise<KnownNames> {
    const journey = await this.journeys.get(workspaceId);
    const stored = await this.store.readRows(
      row({ name: text }),
      'SELECT DISTINCT name FROM events WHERE workspace_id = $1',
      [workspaceId],
    );
    const events = new Set(stored.map((r) => r.name));
    for (const { touchpoint } of journey.touchpoints.values())
      for (const e of touchpoint.events ?? []) events.add(e);
    return {
      // A workspace that has neither stored nor mapped an event yet cannot say which ones exist.
      events: events.size ? events : null,
      stages: new Set(journey.map.stages.map((s) => s.id)),
      surveys: new Set((await this.surveys.definitions.list(workspaceId)).map((s) => s.id)),
      workflows: new Set([...(await this.list(workspaceId)).map((w) => w.id), self]),
      variables: this.variables,
      templateVariables,
    };
  }

  private async load(workspaceId: string): Promise<Loaded> {
    const hit = this.cache.get(workspaceId);
    if (hit && performance.now() - hit.loadedAt < this.maxAgeMs) return hit;
    const loadedAt = performance.now();
    const rows = await this.store.readRows(
      row({ doc: text }),
      'SELECT doc::VARCHAR AS doc FROM workflows WHERE workspace_id = $1 ORDER BY id',
      [workspaceId],
    );
    const workflows = new Map(
      rows.map((r) => workflowSchema.parse(JSON.parse(r.doc))).map((w) => [w.id, w] as const),
    );
    const loaded = { workflows, loadedAt };
    this.cache.set(workspaceId, loaded);
    return loaded;
  }
}
