import { randomUUID } from 'node:crypto';
import { nextOf, type Workflow } from '../../core/workflows/definition.ts';
import { awaitedBy, inHoldout, plan, type Plan, type WaitUntilStep } from '../../core/workflows/machine.ts';
import { matchesConditions } from '../../core/surveys/conditions.ts';
import type { JobContext } from '../../platform/jobs/runner.ts';
import { defineJob } from '../../platform/jobs/job.ts';
import type { SqlStatement, Store } from '../../platform/store/port.ts';
import { nullable, row, text } from '../../platform/store/rows.ts';
import type { JourneyService } from '../journeys/service.ts';
import { customerFacts, runContext, type CustomerFacts } from './customer-facts.ts';
import { conditionRoots, providedData } from './provided.ts';
import type { WorkflowDefinitions } from './definitions.ts';
import type { EffectOutcome, EffectRun, Effects, TemplateData } from './effects.ts';
import { runId as makeRunId } from './ids.ts';
import {
  ADVANCE_JOB,
  ADVANCE_RETRY,
  advanceInput,
  contextOf,
  ENDED,
  jobStatement,
  logStatement,
  moveStatement,
  RUN_COLUMNS,
  runRow,
  type AdvanceInput,
  type LogEntry,
  type NewJob,
  type RunRow,
  type Target,
} from './runs.ts';

const NO_FACTS = (customerId: string): CustomerFacts => ({
  customerId,
  traits: {},
  email: null,
  language: null,
  timezone: null,
  marketingOptOut: false,
  stage: null,
  recent: {},
});

/** A run to start: who, which workflow, and what started it. */
export interface Entry {
  workflow: Workflow;
  customerId: string;
  /** Unique per cause (an event id, a parent run's step), so a repeated cause starts one run. */
  cause: string;
  /** The trigger event's id and properties (with its `name` and `timestamp`). */
  eventId: string;
  context: Record<string, unknown>;
  at: number;
}

/**
 * The run engine: a run per customer and workflow (per trigger event where the workflow says
 * `every_event`), whose every move is a durable job keyed by run and visit. A move performs the
 * step the run is at (its side effect keyed by run and visit, so at most once normally and at
 * least once despite crashes), plans onward through instant steps, and writes the new state with
 * the next job in one transaction, only if no other move (an awaited event racing its timeout)
 * took the run first.
 */
export class WorkflowEngine {
  readonly job = defineJob({
    name: ADVANCE_JOB,
    schema: advanceInput,
    retry: ADVANCE_RETRY,
    handler: (input: AdvanceInput, context: JobContext) => this.advance(context.workspaceId, input, context),
  });
  /** Told that jobs became due now, so a started loop runs them at once. */
  onDue: () => void = () => undefined;

  constructor(
    private readonly store: Store,
    private readonly definitions: WorkflowDefinitions,
    private readonly journeys: JourneyService,
    private readonly effects: () => Effects,
    private readonly now: () => number,
    /** Template data other capabilities provide; conditions may read it too (`recommendations.count`). */
    private readonly providers: ReadonlyMap<string, TemplateData> = new Map(),
  ) {}

  async run(workspaceId: string, id: string): Promise<RunRow | null> {
    const [found] = await this.store.readRows(
      runRow,
      `SELECT ${RUN_COLUMNS} FROM workflow_runs WHERE workspace_id = $1 AND id = $2`,
      [workspaceId, id],
    );
    return found ?? null;
  }

  /**
   * Statements that start these runs (none for a customer the workflow's re-entry rule keeps
   * out). Holdout entrants get a run that ends at once, so their goal conversions are counted.
   */
  async entryStatements(workspaceId: string, entries: Entry[], now: number): Promise<SqlStatement[]> {
    if (entries.length === 0) return [];
    const customers = [...new Set(entries.map((e) => e.customerId))];
    const list = customers.map((_, i) => `$${i + 2}`).join(', ');
    const existing = await this.store.readRows(
      runRow,
      `SELECT ${RUN_COLUMNS} FROM workflow_runs WHERE workspace_id = $1 AND customer_id IN (${list})`,
      [workspaceId, ...customers],
    );
    const statements: SqlStatement[] = [];
    const seen = new Set<string>();
    for (const entry of entries) {
      const { workflow, customerId } = entry;
      const id = makeRunId(workspaceId, workflow.id, entry.cause);
      const mine = existing.filter(
        (r) => r.workflow_id === workflow.id && r.customer_id === customerId && r.id !== id,
      );
      const pair = `${workflow.id}\n${customerId}`;
      if (workflow.reentry === 'once' && (mine.length > 0 || seen.has(pair))) continue;
      if (
        workflow.reentry === 'if_not_running' &&
        (mine.some((r) => !(ENDED as readonly string[]).includes(r.status)) || seen.has(pair))
      )
        continue;
      seen.add(pair);
      const holdout = inHoldout(workflow.holdout, workspaceId, workflow.id, customerId);
      statements.push({
        sql: `INSERT INTO workflow_runs VALUES ($1, $2, $3, 1, $4, $5, $6::JSON, $7, $8, NULL, 0, NULL, NULL, $9, $11, $10, NULL, NULL)
              ON CONFLICT DO NOTHING`,
        params: [
          workspaceId,
          id,
          workflow.id,
          customerId,
          entry.eventId,
          JSON.stringify(entry.context),
          holdout,
          holdout ? 'holdout' : 'active',
          // Entered when the trigger happened (an event stored late enters at its own time).
          new Date(Math.min(entry.at, now)),
          holdout ? new Date(now) : null,
          new Date(now),
        ],
      });
      const run = { id, workflowId: workflow.id, customerId };
      statements.push(
        logStatement(
          workspaceId,
          run,
          { visit: 0, stepId: '', outcome: 'entered', detail: `by ${entry.cause}` },
          now,
          null,
        ),
      );
      if (holdout)
        statements.push(
          logStatement(
            workspaceId,
            run,
            {
              visit: 0,
              stepId: '',
              outcome: 'holdout',
              detail: `in the ${workflow.holdout * 100} % holdout: gets nothing`,
            },
            now,
            null,
          ),
        );
      else
        statements.push(
          jobStatement(
            workspaceId,
            id,
            { key: `wf:${id}:0`, runAt: now, input: { runId: id, visit: 0, resume: 'step' } },
            now,
            null,
            randomUUID(),
          ),
        );
    }
    return statements;
  }

  /** Starts one run now (a start_workflow step); false when the re-entry rule keeps the customer out. */
  async start(workspaceId: string, entry: Entry): Promise<boolean> {
    const statements = await this.entryStatements(workspaceId, [entry], this.now());
    if (statements.length === 0) return false;
    await this.store.write(statements);
    this.onDue();
    return true;
  }

  /** One move of a run (the job's handler). */
  async advance(workspaceId: string, input: AdvanceInput, job: Pick<JobContext, 'attempt'>): Promise<void> {
    const run = await this.run(workspaceId, input.runId);
    if (!run || run.visit !== input.visit || (ENDED as readonly string[]).includes(run.status)) return;
    const now = this.now();
    const claim = randomUUID();
    const ref = { id: run.id, workflowId: run.workflow_id, customerId: run.customer_id };
    const workflow = await this.definitions.get(workspaceId, run.workflow_id);
    const log: LogEntry[] = [];
    const fail = (detail: string) =>
      this.write(
        workspaceId,
        run,
        claim,
        { stepId: run.step_id, status: 'failed', awaiting: null, wakeAt: null },
        [{ visit: run.visit, stepId: run.step_id ?? '', outcome: 'failed', detail }],
        null,
        now,
      );
    if (!workflow) return fail('the workflow was deleted');
    const index = run.step_id === null ? -1 : workflow.steps.findIndex((s) => s.id === run.step_id);
    if (run.step_id !== null && index < 0) return fail(`the workflow no longer has step "${run.step_id}"`);
    // What the customer is like costs a few queries (stage, recent answers): read only when a
    // condition or an effect of this workflow needs it, not for every wait of every run.
    const step = index < 0 ? null : workflow.steps[index]!;
    const conditional = workflow.steps.some(
      (s) => s.type === 'branch' || (s.type === 'wait_until' && s.when),
    );
    const effect =
      step !== null && ['email', 'webhook', 'survey', 'set_trait', 'start_workflow'].includes(step.type);
    const facts =
      conditional || effect
        ? await customerFacts(this.store, this.journeys, workspaceId, run.customer_id, now)
        : NO_FACTS(run.customer_id);
    const roots = conditional ? conditionRoots(workflow, this.providers.keys()) : [];
    const context = {
      ...(await providedData(this.providers, roots, workspaceId, run.customer_id, now)),
      ...runContext(contextOf(run), facts),
    };

    let from: string | null;
    if (index < 0) from = workflow.steps[0]!.id;
    else {
      const step = workflow.steps[index]!;
      const next = nextOf(workflow, index);
      switch (step.type) {
        case 'wait':
          log.push({ visit: run.visit, stepId: step.id, outcome: 'waited', detail: null });
          from = next;
          break;
        case 'wait_until':
          if (input.resume === 'event') {
            log.push({
              visit: run.visit,
              stepId: step.id,
              outcome: 'event_arrived',
              detail: step.event ?? null,
            });
            from = next;
          } else if (input.resume === 'timeout' && step.when && matchesConditions(step.when, context)) {
            log.push({ visit: run.visit, stepId: step.id, outcome: 'condition_held', detail: null });
            from = next;
          } else if (input.resume === 'timeout') {
            log.push({ visit: run.visit, stepId: step.id, outcome: 'timed_out', detail: null });
            from = step.onTimeout ?? null;
          } else return; // a stale step job for a waiting run: its event or timeout moves it
          break;
        case 'branch':
        case 'exit':
          from = step.id; // never stored as a run's step, but harmless: plan from it
          break;
        default: {
          const effectRun: EffectRun = {
            id: run.id,
            visit: run.visit,
            customerId: run.customer_id,
            context: contextOf(run),
          };
          let outcome: EffectOutcome;
          try {
            outcome = await this.effects().perform(workspaceId, workflow, step, effectRun, facts);
          } catch (error) {
            const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
            // Retried with backoff by the job runner; after the last attempt the step is failed
            // and the run goes on, so one dead receiver holds back nothing else.
            if (job.attempt < ADVANCE_RETRY.maxAttempts) throw error;
            log.push({
              visit: run.visit,
              stepId: step.id,
              outcome: 'failed',
              detail: `${message} (after ${job.attempt} attempts)`,
            });
            from = next;
            break;
          }
          if (outcome.outcome === 'delayed') {
            // The contact policy holds it: the same step, same visit, again at `until`.
            await this.store.write([
              logStatement(
                workspaceId,
                ref,
                {
                  visit: run.visit,
                  stepId: step.id,
                  outcome: 'delayed',
                  detail: `${outcome.detail} until ${new Date(outcome.until).toISOString()}`,
                  purpose: outcome.purpose ?? null,
                },
                now,
                null,
              ),
              {
                sql: `UPDATE workflow_runs SET status = 'waiting', wake_at = $4, updated_at = $5 WHERE workspace_id = $1 AND id = $2 AND visit = $3`,
                params: [workspaceId, run.id, run.visit, new Date(outcome.until), new Date(now)],
              },
              jobStatement(
                workspaceId,
                run.id,
                {
                  key: `wf:${run.id}:${run.visit}:at:${outcome.until}`,
                  runAt: outcome.until,
                  input: { runId: run.id, visit: run.visit, resume: 'step' },
                },
                now,
                null,
                randomUUID(),
              ),
            ]);
            return;
          }
          log.push({
            visit: run.visit,
            stepId: step.id,
            outcome: outcome.outcome,
            detail: outcome.detail,
            purpose: outcome.purpose ?? null,
          });
          from = next;
        }
      }
    }
    let planned = plan(workflow, from, context, now);
    for (const p of planned.passed)
      log.push({ visit: run.visit, stepId: p.stepId, outcome: p.outcome, detail: null });
    // A wait for an event that already came since the trigger (the order placed in the same
    // minute as the checkout began) is over before it starts.
    for (let hops = 0; planned.kind === 'await' && hops < workflow.steps.length; hops++) {
      const step = planned.step;
      if (step.event === undefined || !(await this.happened(workspaceId, run, step))) break;
      log.push({
        visit: run.visit,
        stepId: step.id,
        outcome: 'event_arrived',
        detail: `${step.event} (already there)`,
      });
      planned = plan(workflow, planned.next, context, now);
      for (const p of planned.passed)
        log.push({ visit: run.visit, stepId: p.stepId, outcome: p.outcome, detail: null });
    }
    const { target, job: nextJob } = this.targetOf(run, planned);
    await this.write(workspaceId, run, claim, target, log, nextJob, now);
    if (nextJob && nextJob.runAt <= now) this.onDue();
  }

  /** Whether the awaited event (matching the trigger's `match` properties) was stored since the run entered. */
  private async happened(workspaceId: string, run: RunRow, step: WaitUntilStep): Promise<boolean> {
    const rows = await this.store.readRows(
      row({ properties: nullable(text) }),
      `SELECT properties::VARCHAR AS properties FROM events
       WHERE workspace_id = $1 AND customer_id = $2 AND name = $3 AND ts >= $4 AND id <> $5
       ORDER BY ts LIMIT 100`,
      [workspaceId, run.customer_id, step.event!, new Date(run.entered_at), run.trigger_event_id],
    );
    return rows.some((r) => {
      const properties: unknown = r.properties ? JSON.parse(r.properties) : {};
      const record =
        typeof properties === 'object' && properties !== null ? (properties as Record<string, unknown>) : {};
      return awaitedBy(step, contextOf(run), { name: step.event!, properties: record });
    });
  }

  private targetOf(run: RunRow, planned: Plan): { target: Target; job: NewJob | null } {
    const visit = run.visit + 1;
    const job = (runAt: number, resume: AdvanceInput['resume'], suffix = '') => ({
      key: `wf:${run.id}:${visit}${suffix}`,
      runAt,
      input: { runId: run.id, visit, resume },
    });
    switch (planned.kind) {
      case 'effect':
        return {
          target: { stepId: planned.step.id, status: 'active', awaiting: null, wakeAt: null },
          job: job(this.now(), 'step'),
        };
      case 'sleep':
        return {
          target: { stepId: planned.stepId, status: 'waiting', awaiting: null, wakeAt: planned.until },
          job: job(planned.until, 'step'),
        };
      case 'await':
        return {
          target: {
            stepId: planned.step.id,
            status: 'waiting',
            awaiting: planned.step.event ?? null,
            wakeAt: planned.deadline,
          },
          job: job(planned.deadline, 'timeout', ':timeout'),
        };
      case 'end':
        return {
          target: {
            stepId: null,
            status: planned.reason === 'exit' ? 'exited' : 'completed',
            awaiting: null,
            wakeAt: null,
          },
          job: null,
        };
    }
  }

  private async write(
    workspaceId: string,
    run: RunRow,
    claim: string,
    target: Target,
    log: LogEntry[],
    job: NewJob | null,
    now: number,
  ): Promise<void> {
    const ref = { id: run.id, workflowId: run.workflow_id, customerId: run.customer_id };
    const end = (ENDED as readonly string[]).includes(target.status)
      ? [{ visit: run.visit, stepId: '', outcome: target.status, detail: null }]
      : [];
    await this.store.write([
      moveStatement(workspaceId, run.id, run.visit, claim, target, now),
      ...[...log, ...end].map((entry) => logStatement(workspaceId, ref, entry, now, claim)),
      ...(job ? [jobStatement(workspaceId, run.id, job, now, claim, randomUUID())] : []),
    ]);
  }
}
