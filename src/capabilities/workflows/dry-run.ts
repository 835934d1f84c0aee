import { decide } from '../../core/surveys/policy.ts';
import { matchesConditions } from '../../core/surveys/conditions.ts';
import { nextOf, type Workflow } from '../../core/workflows/definition.ts';
import { deadlineOf, inHoldout } from '../../core/workflows/machine.ts';
import type { SurveyService } from '../surveys/service.ts';
import { runContext, type CustomerFacts } from './customer-facts.ts';
import { renderTemplate, type RenderedEmail } from './templates.ts';

export interface DryRunStep {
  step: string;
  type: string;
  /** What the run would do here now, and why. */
  would: string;
  preview?: RenderedEmail;
}

export interface DryRun {
  workflow: string;
  customerId: string;
  /** The trigger event the run is imagined from (the customer's latest matching one, or a given one). */
  event: Record<string, unknown> | null;
  enters: boolean;
  why: string;
  holdout: boolean;
  steps: DryRunStep[];
}

/**
 * What a workflow would do for one customer now, and why, without sending or storing anything:
 * whether the trigger's conditions hold, the holdout draw, each branch taken, each message
 * rendered with the customer's data and the contact policy's decision on it. Waits are shown with
 * the instant they would end; the path follows what happens when an awaited event arrives.
 */
export async function dryRun(
  workflow: Workflow,
  workspaceId: string,
  facts: CustomerFacts,
  event: Record<string, unknown> | null,
  surveys: SurveyService,
  data: Record<string, unknown>,
  /** What other capabilities provide (`recommendations`), which branch conditions may read too. */
  provided: Record<string, unknown>,
  now: number,
): Promise<DryRun> {
  const context = { ...provided, ...runContext(event ?? {}, facts) };
  const holdout = inHoldout(workflow.holdout, workspaceId, workflow.id, facts.customerId);
  const base = {
    workflow: workflow.id,
    customerId: facts.customerId,
    event,
    holdout,
    steps: [] as DryRunStep[],
  };
  if (event === null)
    return { ...base, enters: false, why: 'the customer has no event that triggers this workflow' };
  if (workflow.trigger.when && !matchesConditions(workflow.trigger.when, context))
    return { ...base, enters: false, why: "the trigger's conditions do not hold for this customer" };
  if (holdout)
    return {
      ...base,
      enters: true,
      why: `in the ${workflow.holdout * 100} % holdout: the run would get nothing`,
    };
  const steps: DryRunStep[] = [];
  const visited = new Set<string>();
  let current: string | null = workflow.steps[0]!.id;
  while (current !== null && !visited.has(current) && steps.length < 50) {
    visited.add(current);
    const index = workflow.steps.findIndex((s) => s.id === current);
    const step = workflow.steps[index]!;
    const next = nextOf(workflow, index);
    const add = (would: string, preview?: RenderedEmail) =>
      steps.push({ step: step.id, type: step.type, would, ...(preview ? { preview } : {}) });
    current = next;
    switch (step.type) {
      case 'wait':
        add(`wait until ${new Date(now + step.duration).toISOString()}`);
        break;
      case 'wait_until': {
        const deadline = deadlineOf(step, context, now);
        add(
          `wait for ${step.event ?? 'the condition'} until ${Number.isFinite(deadline) ? new Date(deadline).toISOString() : 'ever'}; ` +
            `then "${next ?? 'end'}", or "${step.onTimeout ?? 'end'}" if it does not come in time`,
        );
        break;
      }
      case 'branch': {
        const holds = matchesConditions(step.when, context);
        add(
          holds
            ? `condition holds: go on to "${next ?? 'end'}"`
            : `condition does not hold: go to "${step.else ?? 'end'}"`,
        );
        current = holds ? next : (step.else ?? null);
        break;
      }
      case 'exit':
        add('exit the run');
        current = null;
        break;
      case 'email': {
        const preview = await renderTemplate(workflow.templates[step.template]!, data, facts.language);
        if (!facts.email) add('suppress: the customer has no email address', preview);
        else if (workflow.purpose === 'transactional')
          add(
            `send to ${facts.email} (transactional: the contact policy and marketing consent do not apply)`,
            preview,
          );
        else {
          const policy = await surveys.policies.get(workspaceId);
          const contacts = await surveys.policies.invitationContacts(
            workspaceId,
            facts.customerId,
            now - policy.period,
          );
          const decision = decide(
            policy,
            {
              channel: 'email',
              expiresAt: now + 7 * 86_400_000,
              unsubscribed: facts.marketingOptOut,
              email: facts.email,
              timezone: facts.timezone,
              openForSurvey: false,
              lastForSurvey: null,
              contacts,
            },
            now,
          );
          add(
            decision.decision === 'send'
              ? `send to ${facts.email} (the contact policy allows it now)`
              : decision.decision === 'delay'
                ? `delay until ${new Date(decision.until).toISOString()} (${decision.reason})`
                : `suppress (${decision.reason})`,
            preview,
          );
        }
        break;
      }
      case 'webhook':
        add(`POST a signed webhook to ${step.url}`);
        break;
      case 'survey':
        add(`invite to survey "${step.survey}" by email (its contact policy decides when)`);
        break;
      case 'set_trait':
        add(`set trait ${step.trait} = ${JSON.stringify(step.value)}`);
        break;
      case 'start_workflow':
        add(`start workflow "${step.workflow}"`);
        break;
    }
  }
  return { ...base, enters: true, why: 'the trigger matches and the customer is not in the holdout', steps };
}
