import type { Workflow } from '../../core/workflows/definition.ts';
import type { IngestService } from '../ingest/service.ts';
import type { JourneyService } from '../journeys/service.ts';
import type { SurveyService } from '../surveys/service.ts';
import type { DomainEvents } from '../../platform/events/delivery.ts';
import { JobRunner, type RunReport } from '../../platform/jobs/runner.ts';
import { smtpSender, type EmailSender } from '../../platform/messaging/email.ts';
import { Messenger } from '../../platform/messaging/messenger.ts';
import { DomainError } from '../../platform/errors.ts';
import type { Store } from '../../platform/store/port.ts';
import { epochMs, nullable, num, row, text } from '../../platform/store/rows.ts';
import { Consents } from './consent.ts';
import { customerFacts } from './customer-facts.ts';
import { WorkflowDefinitions } from './definitions.ts';
import { dryRun } from './dry-run.ts';
import { Effects, type TemplateData } from './effects.ts';
import { WorkflowEngine } from './engine.ts';
import { workflowResults } from './results.ts';
import { RUN_COLUMNS, runRow } from './runs.ts';
import { WorkflowSubscriber } from './subscriber.ts';
import { providedData } from './provided.ts';
import type { Suppressions } from '../../platform/privacy/suppression.ts';

export interface WorkflowWorkerOptions {
  /** Base URL of unsubscribe links when the config does not set one (the server's own URL). */
  serverUrl: string;
  /** Overrides the SMTP sender built from the config (benchmarks, tests of failure). */
  email?: EmailSender | null;
  pollMs?: number;
  onError?: (error: unknown) => void;
}

const logRow = row({
  run_id: text,
  workflow_id: text,
  customer_id: text,
  visit: num,
  step_id: text,
  outcome: text,
  detail: nullable(text),
  purpose: nullable(text),
  at: epochMs,
});

/**
 * The workflows capability: definitions (validated when saved), the run engine on platform jobs,
 * the subscriber that starts, resumes and converts runs from stored events, messages with
 * consent and the one contact-pressure policy (surveys' policy, which counts workflow marketing
 * messages too), dry runs and results against the holdout.
 */
export class WorkflowService {
  readonly definitions: WorkflowDefinitions;
  readonly consents: Consents;
  readonly engine: WorkflowEngine;
  readonly subscriber: WorkflowSubscriber;
  readonly runner: JobRunner;
  private readonly providers = new Map<string, TemplateData>();
  private sender: EmailSender | null = null;
  private publicUrl = 'http://localhost';

  constructor(
    private readonly store: Store,
    ingest: IngestService,
    private readonly journeys: JourneyService,
    private readonly surveys: SurveyService,
    events: DomainEvents,
    private readonly now: () => number,
    suppressions: Suppressions,
  ) {
    this.definitions = new WorkflowDefinitions(store, journeys, surveys);
    this.consents = new Consents(store);
    const effects = new Effects({
      messenger: new Messenger(store, now),
      consents: this.consents,
      surveys,
      ingest,
      email: () => this.sender,
      publicUrl: () => surveys.config.publicUrl ?? this.publicUrl,
      now,
      providers: this.providers,
      startWorkflow: async (workspaceId, workflowId, run, cause) => {
        const workflow = await this.definitions.get(workspaceId, workflowId);
        if (!workflow?.active) return false;
        return this.engine.start(workspaceId, {
          workflow,
          customerId: run.customerId,
          cause: `run:${cause}`,
          eventId: `${run.id}:${run.visit}`,
          context: run.context,
          at: now(),
        });
      },
      erased: (workspaceId, customerId) => suppressions.isSuppressed(workspaceId, { customerId }),
      marketingContacts: (workspaceId, customerId, since) =>
        this.marketingContacts(workspaceId, [customerId], since).then((m) => m.get(customerId) ?? []),
    });
    this.engine = new WorkflowEngine(store, this.definitions, journeys, () => effects, now, this.providers);
    this.subscriber = new WorkflowSubscriber(store, this.definitions, journeys, this.engine);
    // A move takes well under a second; a claim whose process died is taken over after a minute
    // (the platform's default five would hold the messages of a killed server that long).
    this.runner = new JobRunner(store, { now, concurrency: 16, leaseMs: 60_000 }).register(this.engine.job);
    ingest.watched.declare(this.subscriber.interest);
    events.subscribe(this.subscriber);
    surveys.policies.declareContacts((workspaceId, customers, since) =>
      this.marketingContacts(workspaceId, customers, since),
    );
  }

  /**
   * Adds template data under `root` (e.g. `recommendations`) for every email, with the fields a
   * template may read (`*` for any); definitions that use it validate from then on.
   */
  provideData(root: string, fields: readonly string[], data: TemplateData): void {
    this.definitions.provide(root, fields);
    this.providers.set(root, data);
  }

  /** Sets where emails go (tests, and the server's worker); null means no SMTP server. */
  useEmail(sender: EmailSender | null, publicUrl?: string): void {
    this.sender = sender;
    if (publicUrl) this.publicUrl = publicUrl;
  }

  async require(workspaceId: string, id: string): Promise<Workflow> {
    const workflow = await this.definitions.get(workspaceId, id);
    if (!workflow) throw new DomainError('not_found', `no workflow "${id}" in this workspace`);
    return workflow;
  }

  async results(workspaceId: string, id: string) {
    return workflowResults(this.store, workspaceId, await this.require(workspaceId, id));
  }

  async dryRun(workspaceId: string, id: string, customerId: string) {
    const workflow = await this.require(workspaceId, id);
    const now = this.now();
    const facts = await customerFacts(this.store, this.journeys, workspaceId, customerId, now);
    const journey = await this.journeys.get(workspaceId);
    const touchpoints = [...journey.touchpoints]
      .filter(([, t]) => t.stage.id === workflow.trigger.stage)
      .map(([id]) => id);
    const [latest] = await this.store.readRows(
      row({ id: text, name: text, ts: epochMs, properties: nullable(text) }),
      `SELECT id, name, ts, properties::VARCHAR AS properties FROM events
       WHERE workspace_id = $1 AND customer_id = $2
         AND (name = $3 ${touchpoints.length ? `OR touchpoint IN (${touchpoints.map((_, i) => `$${i + 4}`).join(', ')})` : ''})
       ORDER BY ts DESC LIMIT 1`,
      [workspaceId, customerId, workflow.trigger.event ?? '', ...touchpoints],
    );
    const event = latest
      ? {
          ...(JSON.parse(latest.properties ?? '{}') as Record<string, unknown>),
          name: latest.name,
          timestamp: new Date(latest.ts).toISOString(),
        }
      : null;
    const data: Record<string, unknown> = {
      customer: {
        id: customerId,
        email: facts.email,
        name: facts.traits.name ?? null,
        first_name: facts.traits.firstName ?? null,
        language: facts.language,
        traits: facts.traits,
      },
      event: event ?? {},
      workflow: { id: workflow.id, name: workflow.name },
      unsubscribe_url: `${this.surveys.config.publicUrl ?? this.publicUrl}/unsubscribe/(a signed link)`,
    };
    const provided = await providedData(
      this.providers,
      [...this.providers.keys()],
      workspaceId,
      customerId,
      now,
    );
    return dryRun(workflow, workspaceId, facts, event, this.surveys, { ...data, ...provided }, provided, now);
  }

  async runs(workspaceId: string, filter: { workflowId?: string; customerId?: string; limit: number }) {
    return this.store.readRows(
      runRow,
      `SELECT ${RUN_COLUMNS} FROM workflow_runs WHERE workspace_id = $1
         AND ($2::VARCHAR IS NULL OR workflow_id = $2) AND ($3::VARCHAR IS NULL OR customer_id = $3)
       ORDER BY entered_at DESC, id LIMIT $4`,
      [workspaceId, filter.workflowId ?? null, filter.customerId ?? null, filter.limit],
    );
  }

  /** The decision log: every step a run passed and what came of it (sent, failed, delayed, suppressed, why). */
  async log(workspaceId: string, filter: { workflowId?: string; customerId?: string; limit: number }) {
    return this.store.readRows(
      logRow,
      `SELECT run_id, workflow_id, customer_id, visit, step_id, outcome, detail, purpose, logged_at AS at FROM workflow_log
       WHERE workspace_id = $1 AND ($2::VARCHAR IS NULL OR workflow_id = $2) AND ($3::VARCHAR IS NULL OR customer_id = $3)
       ORDER BY logged_at DESC, run_id, visit DESC, step_id, outcome LIMIT $4`,
      [workspaceId, filter.workflowId ?? null, filter.customerId ?? null, filter.limit],
    );
  }

  /** Runs the jobs that are due now (tests and the CLI; a server's worker loops over this). */
  runDue(limit = 200): Promise<RunReport> {
    return this.runner.runDue(limit);
  }

  /** Starts running workflow moves in this process; new due moves wake it at once. */
  startWorker(options: WorkflowWorkerOptions) {
    this.useEmail(
      options.email === undefined ? smtpSender(this.surveys.config.smtp) : options.email,
      options.serverUrl,
    );
    const loop = this.runner
      .loop({ pollMs: options.pollMs ?? 500, batchSize: 64, onError: options.onError ?? (() => undefined) })
      .start();
    this.engine.onDue = () => loop.kick();
    const sender = this.sender;
    return {
      kick: () => loop.kick(),
      async stop() {
        await loop.stop();
        sender?.close();
      },
    };
  }

  private async marketingContacts(
    workspaceId: string,
    customers: string[],
    since: number,
  ): Promise<Map<string, number[]>> {
    const out = new Map<string, number[]>();
    if (customers.length === 0) return out;
    const rows = await this.store.readRows(
      row({ customer_id: text, at: epochMs }),
      `SELECT customer_id, logged_at AS at FROM workflow_log
       WHERE workspace_id = $1 AND outcome = 'sent' AND purpose = 'marketing' AND logged_at > $2
         AND customer_id IN (${customers.map((_, i) => `$${i + 3}`).join(', ')})`,
      [workspaceId, new Date(since), ...customers],
    );
    for (const r of rows) out.set(r.customer_id, [...(out.get(r.customer_id) ?? []), r.at]);
    return out;
  }
}
