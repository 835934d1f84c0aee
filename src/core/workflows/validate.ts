import type { FieldIssue } from '../issues.ts';
import { nextOf, type Step, type Workflow } from './definition.ts';

/** What a definition is checked against besides itself (from the workspace and the template engine). */
export interface KnownNames {
  /** Event names the workspace knows (stored or named by the journey map); null skips the check. */
  events: ReadonlySet<string> | null;
  stages: ReadonlySet<string>;
  surveys: ReadonlySet<string>;
  /** Other workflows of the workspace (this one is added). */
  workflows: ReadonlySet<string>;
  /** Top-level template variables and, for objects with a fixed shape, their fields ('*' for any). */
  variables: Readonly<Record<string, readonly string[]>>;
  /** The global variables a Liquid source reads, as path segments; throws on a syntax error. */
  templateVariables: (source: string) => string[][];
}

const WAITS = new Set<Step['type']>(['wait', 'wait_until']);

/** The steps a step can lead to (null: the run ends there). */
export function successors(workflow: Workflow, index: number): (string | null)[] {
  const step = workflow.steps[index]!;
  const next = nextOf(workflow, index);
  switch (step.type) {
    case 'exit':
      return [];
    case 'wait_until':
      return [next, step.onTimeout ?? null];
    case 'branch':
      return [next, step.else ?? null];
    default:
      return [next];
  }
}

/**
 * The faults of a definition that its schema cannot see, each at its path: a step, event, stage,
 * survey, workflow or template that does not exist, a template variable no run provides, a step
 * no path reaches, and a loop that runs without waiting (it would spin forever in one instant).
 */
export function workflowIssues(workflow: Workflow, known: KnownNames): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const fault = (path: string, code: string, message: string) => issues.push({ path, code, message });
  const index = new Map<string, number>();
  workflow.steps.forEach((step, i) => {
    if (index.has(step.id)) fault(`steps.${i}.id`, 'duplicate_step', `step "${step.id}" is defined twice`);
    else index.set(step.id, i);
  });
  const event = (path: string, name: string | undefined) => {
    if (name !== undefined && known.events && !known.events.has(name))
      fault(path, 'unknown_event', `no event "${name}" is known in this workspace`);
  };
  event('trigger.event', workflow.trigger.event);
  if (workflow.trigger.stage !== undefined && !known.stages.has(workflow.trigger.stage))
    fault('trigger.stage', 'unknown_stage', `the journey map has no stage "${workflow.trigger.stage}"`);
  event('goal.event', workflow.goal?.event);

  workflow.steps.forEach((step, i) => {
    const at = (field: string) => `steps.${i}.${field}`;
    const ref = (field: string, target: string | undefined) => {
      if (target !== undefined && !index.has(target))
        fault(at(field), 'unknown_step', `no step "${target}" in this workflow`);
    };
    if (step.type !== 'exit') ref('next', step.next);
    if (step.type === 'branch') ref('else', step.else);
    if (step.type === 'wait_until') {
      ref('onTimeout', step.onTimeout);
      event(at('event'), step.event);
      if (step.event === undefined && step.when === undefined)
        fault(at('event'), 'nothing_to_wait_for', 'give the event or the condition (when) to wait for');
      if (step.timeout === undefined && step.deadline === undefined)
        fault(at('timeout'), 'no_timeout', 'give a timeout or a deadline, so the wait ends');
      if (step.match.length > 0 && step.event === undefined)
        fault(at('match'), 'match_without_event', 'match compares the awaited event with the trigger event');
    }
    if (step.type === 'email' && !Object.hasOwn(workflow.templates, step.template))
      fault(at('template'), 'unknown_template', `no template "${step.template}" in this workflow`);
    if (step.type === 'survey' && !known.surveys.has(step.survey))
      fault(at('survey'), 'unknown_survey', `no survey "${step.survey}" in this workspace`);
    if (
      step.type === 'start_workflow' &&
      step.workflow !== workflow.id &&
      !known.workflows.has(step.workflow)
    )
      fault(at('workflow'), 'unknown_workflow', `no workflow "${step.workflow}" in this workspace`);
  });
  for (const [name, template] of Object.entries(workflow.templates)) {
    const parts = [
      ['', template] as const,
      ...Object.entries(template.languages).map(([l, p]) => [`languages.${l}.`, p] as const),
    ];
    for (const [prefix, text] of parts)
      for (const field of ['subject', 'html', 'text'] as const)
        for (const problem of variableProblems(text[field], known))
          fault(`templates.${name}.${prefix}${field}`, problem.code, problem.message);
  }
  if (issues.some((i) => i.code === 'unknown_step' || i.code === 'duplicate_step')) return issues;

  // Unreachable: not on any path from the first step.
  const reached = new Set<number>([0]);
  const queue = [0];
  while (queue.length) {
    for (const target of successors(workflow, queue.shift()!)) {
      const j = target === null ? undefined : index.get(target);
      if (j !== undefined && !reached.has(j)) {
        reached.add(j);
        queue.push(j);
      }
    }
  }
  workflow.steps.forEach((step, i) => {
    if (!reached.has(i))
      fault(`steps.${i}`, 'unreachable_step', `no path from the first step reaches "${step.id}"`);
  });

  // A loop without a wait: a cycle among steps that are not waits.
  const state = new Map<number, 'open' | 'done'>();
  const reported = new Set<number>();
  const visit = (i: number) => {
    state.set(i, 'open');
    for (const target of successors(workflow, i)) {
      const j = target === null ? undefined : index.get(target);
      if (j === undefined || WAITS.has(workflow.steps[j]!.type)) continue;
      if (state.get(j) === 'open' && !reported.has(j)) {
        reported.add(j);
        fault(
          `steps.${i}.next`,
          'loop_without_wait',
          `"${workflow.steps[i]!.id}" leads back to "${workflow.steps[j]!.id}" without a wait`,
        );
      } else if (!state.has(j)) visit(j);
    }
    state.set(i, 'done');
  };
  workflow.steps.forEach((step, i) => {
    if (!WAITS.has(step.type) && !state.has(i)) visit(i);
  });

  return issues;
}

function variableProblems(source: string, known: KnownNames): { code: string; message: string }[] {
  let paths: string[][];
  try {
    paths = known.templateVariables(source);
  } catch (error) {
    return [{ code: 'template_syntax', message: error instanceof Error ? error.message : String(error) }];
  }
  const problems: { code: string; message: string }[] = [];
  const seen = new Set<string>();
  for (const path of paths) {
    const [root, field] = path;
    if (root === undefined) continue;
    const fields = known.variables[root];
    const name = field === undefined ? root : `${root}.${field}`;
    if (seen.has(name)) continue;
    seen.add(name);
    if (!fields)
      problems.push({
        code: 'unknown_variable',
        message: `no variable "${root}" (known: ${Object.keys(known.variables).join(', ')})`,
      });
    else if (field !== undefined && !fields.includes('*') && !fields.includes(field))
      problems.push({
        code: 'unknown_variable',
        message: `"${root}" has no field "${field}" (it has ${fields.join(', ')})`,
      });
  }
  return problems;
}
