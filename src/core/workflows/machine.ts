import { matchesConditions } from '../surveys/conditions.ts';
import { inSample } from '../surveys/sampling.ts';
import { nextOf, type Step, type Workflow } from './definition.ts';

/** What a run's conditions are evaluated on (see `whenSchema`). */
export interface RunContext {
  event: Record<string, unknown>;
  traits: Record<string, unknown>;
  stage: string | null;
  recent: Record<string, unknown>;
}

export type EffectStep = Extract<
  Step,
  { type: 'email' | 'webhook' | 'survey' | 'set_trait' | 'start_workflow' }
>;
export type WaitUntilStep = Extract<Step, { type: 'wait_until' }>;

/** A step passed on the way, for the run's log (a branch taken, a condition that already held). */
export interface Passed {
  stepId: string;
  outcome: string;
}

/** What a run does next, from a step, at `now`. */
export type Plan =
  | { kind: 'effect'; step: EffectStep; next: string | null; passed: Passed[] }
  | { kind: 'sleep'; stepId: string; until: number; next: string | null; passed: Passed[] }
  | {
      kind: 'await';
      step: WaitUntilStep;
      deadline: number;
      next: string | null;
      onTimeout: string | null;
      passed: Passed[];
    }
  | { kind: 'end'; reason: 'completed' | 'exit'; passed: Passed[] };

/** Instant steps one plan may pass before it must stop; validation rejects loops without a wait. */
const MAX_INSTANT = 200;

/** The instant a wait_until gives up: the earlier of its timeout and its deadline property. */
export function deadlineOf(step: WaitUntilStep, context: RunContext, now: number): number {
  let at = step.timeout === undefined ? Infinity : now + step.timeout;
  if (step.deadline !== undefined) {
    const value = context.event[step.deadline];
    const parsed =
      typeof value === 'number' ? value : typeof value === 'string' ? Date.parse(value) : Number.NaN;
    // A missing or unreadable date cannot be waited for: the wait ends now, on its timeout branch.
    at = Math.min(at, Number.isFinite(parsed) ? parsed : now);
  }
  return at;
}

/**
 * From step `from`, the run's next move: passes branches (and waits whose condition already holds)
 * at once, and stops at the first step that has an effect, waits, or ends the run. Pure: the
 * engine performs the effect and stores the state.
 */
export function plan(workflow: Workflow, from: string | null, context: RunContext, now: number): Plan {
  const passed: Passed[] = [];
  let current = from;
  for (let hops = 0; hops < MAX_INSTANT; hops++) {
    if (current === null) return { kind: 'end', reason: 'completed', passed };
    const index = workflow.steps.findIndex((s) => s.id === current);
    if (index < 0) throw new Error(`workflow "${workflow.id}" has no step "${current}"`);
    const step = workflow.steps[index]!;
    const next = nextOf(workflow, index);
    switch (step.type) {
      case 'exit':
        passed.push({ stepId: step.id, outcome: 'exit' });
        return { kind: 'end', reason: 'exit', passed };
      case 'branch': {
        const holds = matchesConditions(step.when, context);
        passed.push({ stepId: step.id, outcome: holds ? 'branch_then' : 'branch_else' });
        current = holds ? next : (step.else ?? null);
        continue;
      }
      case 'wait':
        return { kind: 'sleep', stepId: step.id, until: now + step.duration, next, passed };
      case 'wait_until': {
        if (step.event === undefined && step.when !== undefined && matchesConditions(step.when, context)) {
          passed.push({ stepId: step.id, outcome: 'condition_held' });
          current = next;
          continue;
        }
        const deadline = deadlineOf(step, context, now);
        if (deadline <= now) {
          passed.push({ stepId: step.id, outcome: 'timed_out' });
          current = step.onTimeout ?? null;
          continue;
        }
        return { kind: 'await', step, deadline, next, onTimeout: step.onTimeout ?? null, passed };
      }
      default:
        return { kind: 'effect', step, next, passed };
    }
  }
  throw new Error(`workflow "${workflow.id}" passed ${MAX_INSTANT} steps without waiting`);
}

/** Whether an awaited event ends the wait: its name, and the `match` properties equal the trigger event's. */
export function awaitedBy(
  step: WaitUntilStep,
  trigger: Record<string, unknown>,
  event: { name: string; properties: Record<string, unknown> },
): boolean {
  if (step.event !== event.name) return false;
  return step.match.every((p) => trigger[p] !== undefined && trigger[p] === event.properties[p]);
}

/** Deterministic per customer, so a customer is in the holdout of a workflow every time or never. */
export function inHoldout(
  share: number,
  workspaceId: string,
  workflowId: string,
  customerId: string,
): boolean {
  return share > 0 && inSample(share, `holdout:${workspaceId}:${workflowId}:${customerId}`);
}
