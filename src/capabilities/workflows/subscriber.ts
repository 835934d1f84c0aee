import { randomUUID } from 'node:crypto';
import { matchesConditions } from '../../core/surveys/conditions.ts';
import type { Workflow } from '../../core/workflows/definition.ts';
import { awaitedBy } from '../../core/workflows/machine.ts';
import type { StoredDomainEvent } from '../../platform/events/domain-event.ts';
import type { Subscriber } from '../../platform/events/delivery.ts';
import type { SqlStatement, Store } from '../../platform/store/port.ts';
import { EVENTS_STORED, storedEvents, type EventFilter, type WatchedEvent } from '../ingest/stored-events.ts';
import type { JourneyService } from '../journeys/service.ts';
import { resolveAnonymous } from '../surveys/customers.ts';
import { customerFacts, runContext, type CustomerFacts } from './customer-facts.ts';
import type { WorkflowDefinitions } from './definitions.ts';
import type { Entry, WorkflowEngine } from './engine.ts';
import { contextOf, ENDED, jobStatement, logStatement, RUN_COLUMNS, runRow } from './runs.ts';

interface Seen {
  event: WatchedEvent;
  customerId: string;
  properties: Record<string, unknown>;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Workflows as a subscriber to `ingest.events-stored`: a stored event starts the runs whose
 * trigger it matches, ends the waits that await it, and converts the runs whose goal it is. The
 * domain event is committed with the events, so an acknowledged event is acted on even if the
 * process dies right after the reply; run ids derive from workflow and event, so a batch handled
 * twice starts nothing twice.
 */
export class WorkflowSubscriber implements Subscriber {
  readonly name = 'workflows.events';
  readonly types = [EVENTS_STORED];

  constructor(
    private readonly store: Store,
    private readonly definitions: WorkflowDefinitions,
    private readonly journeys: JourneyService,
    private readonly engine: WorkflowEngine,
  ) {}

  /** The ingest interest: trigger, awaited and goal events of active workflows, and touchpoints of trigger stages. */
  interest = async (workspaceId: string): Promise<EventFilter | null> => {
    const { names, stageTouchpoints } = await this.definitions.watchedEvents(workspaceId);
    if (names.size === 0 && stageTouchpoints.size === 0) return null;
    return (name, touchpoint) => names.has(name) || (touchpoint !== null && stageTouchpoints.has(touchpoint));
  };

  async handle(events: StoredDomainEvent[], now: number): Promise<void> {
    let due = false;
    const byWorkspace = new Map<string, WatchedEvent[]>();
    for (const event of events)
      byWorkspace.set(event.workspaceId, [
        ...(byWorkspace.get(event.workspaceId) ?? []),
        ...storedEvents(event),
      ]);
    for (const [workspaceId, watched] of byWorkspace)
      due = (await this.act(workspaceId, watched, now)) || due;
    if (due) this.engine.onDue();
  }

  private async act(workspaceId: string, watched: WatchedEvent[], now: number): Promise<boolean> {
    const workflows = (await this.definitions.list(workspaceId)).filter((w) => w.active);
    if (workflows.length === 0) return false;
    const anonymous = watched.filter((e) => e.customerId === null).map((e) => e.anonymousId!);
    const aliases = await resolveAnonymous(this.store, workspaceId, anonymous);
    const seen: Seen[] = watched.flatMap((event) => {
      // Workflows talk to customers: a visitor nobody has identified has no address to write to.
      const customerId = event.customerId ?? aliases.get(event.anonymousId!);
      if (customerId === undefined) return [];
      const parsed: unknown = event.properties ? JSON.parse(event.properties) : {};
      return [{ event, customerId, properties: isRecord(parsed) ? parsed : {} }];
    });
    if (seen.length === 0) return false;
    const journey = await this.journeys.get(workspaceId);
    const facts = new Map<string, CustomerFacts>();
    const factsOf = async (customerId: string) => {
      let f = facts.get(customerId);
      if (!f)
        facts.set(
          customerId,
          (f = await customerFacts(this.store, this.journeys, workspaceId, customerId, now)),
        );
      return f;
    };

    const entries: Entry[] = [];
    for (const s of seen) {
      for (const workflow of workflows) {
        if (!this.triggers(workflow, s, journey.touchpoints)) continue;
        const context = {
          ...s.properties,
          name: s.event.name,
          timestamp: new Date(s.event.timestamp).toISOString(),
        };
        if (
          workflow.trigger.when &&
          !matchesConditions(workflow.trigger.when, runContext(context, await factsOf(s.customerId)))
        )
          continue;
        entries.push({
          workflow,
          customerId: s.customerId,
          cause: `event:${s.event.id}`,
          eventId: s.event.id,
          context,
          at: s.event.timestamp,
        });
      }
    }
    const statements: SqlStatement[] = await this.engine.entryStatements(workspaceId, entries, now);
    const resumed = await this.waitsAndGoals(workspaceId, workflows, seen, now, statements);
    if (statements.length) await this.store.write(statements);
    return statements.length > 0 && (entries.length > 0 || resumed);
  }

  private triggers(
    workflow: Workflow,
    s: Seen,
    touchpoints: Map<string, { stage: { id: string } }>,
  ): boolean {
    if (workflow.trigger.event !== undefined) return workflow.trigger.event === s.event.name;
    const at = s.event.touchpoint === null ? undefined : touchpoints.get(s.event.touchpoint);
    return at !== undefined && at.stage.id === workflow.trigger.stage;
  }

  /** Adds the statements that end awaited waits and record goals; true when a job became due. */
  private async waitsAndGoals(
    workspaceId: string,
    workflows: Workflow[],
    seen: Seen[],
    now: number,
    statements: SqlStatement[],
  ): Promise<boolean> {
    const byId = new Map(workflows.map((w) => [w.id, w]));
    const customers = [...new Set(seen.map((s) => s.customerId))];
    const list = customers.map((_, i) => `$${i + 2}`).join(', ');
    const runs = await this.store.readRows(
      runRow,
      `SELECT ${RUN_COLUMNS} FROM workflow_runs
       WHERE workspace_id = $1 AND customer_id IN (${list})
         AND (awaiting IS NOT NULL OR converted_at IS NULL)`,
      [workspaceId, ...customers],
    );
    let resumed = false;
    for (const run of runs) {
      const workflow = byId.get(run.workflow_id);
      if (!workflow) continue;
      const mine = seen.filter((s) => s.customerId === run.customer_id);
      const ref = { id: run.id, workflowId: run.workflow_id, customerId: run.customer_id };
      const goal = workflow.goal;
      const converting = goal
        ? mine.find(
            (s) =>
              s.event.name === goal.event &&
              s.event.id !== run.trigger_event_id &&
              s.event.timestamp >= run.entered_at &&
              s.event.timestamp <= run.entered_at + goal.within,
          )
        : undefined;
      if (converting && run.converted_at === null) {
        const open = !(ENDED as readonly string[]).includes(run.status);
        statements.push({
          sql: `UPDATE workflow_runs SET converted_at = $3 WHERE workspace_id = $1 AND id = $2 AND converted_at IS NULL`,
          params: [workspaceId, run.id, new Date(converting.event.timestamp)],
        });
        statements.push(
          logStatement(
            workspaceId,
            ref,
            { visit: run.visit, stepId: '', outcome: 'converted', detail: converting.event.id },
            now,
            null,
          ),
        );
        if (open) {
          // Exits by goal: the visit moves on, so the jobs of the visit it was at find it gone.
          statements.push({
            sql: `UPDATE workflow_runs SET status = 'goal', visit = visit + 1, awaiting = NULL, wake_at = NULL,
                    ended_at = $4, updated_at = $4 WHERE workspace_id = $1 AND id = $2 AND visit = $3`,
            params: [workspaceId, run.id, run.visit, new Date(now)],
          });
          statements.push(
            logStatement(
              workspaceId,
              ref,
              { visit: run.visit, stepId: run.step_id ?? '', outcome: 'goal', detail: goal!.event },
              now,
              null,
            ),
          );
          continue;
        }
      }
      if (run.status !== 'waiting' || run.awaiting === null || run.step_id === null) continue;
      const step = workflow.steps.find((s) => s.id === run.step_id);
      if (step?.type !== 'wait_until') continue;
      const arrived = mine.find(
        (s) =>
          s.event.timestamp >= run.entered_at &&
          awaitedBy(step, contextOf(run), { name: s.event.name, properties: s.properties }),
      );
      if (!arrived) continue;
      statements.push(
        jobStatement(
          workspaceId,
          run.id,
          {
            key: `wf:${run.id}:${run.visit}:event`,
            runAt: now,
            input: { runId: run.id, visit: run.visit, resume: 'event' },
          },
          now,
          null,
          randomUUID(),
        ),
      );
      resumed = true;
    }
    return resumed;
  }
}
