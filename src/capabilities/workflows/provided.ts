import type { Workflow } from '../../core/workflows/definition.ts';
import type { TemplateData } from './effects.ts';

/**
 * The roots other capabilities provide (`recommendations`, ...) that a workflow's branch and
 * wait_until conditions read, e.g. `recommendations.count: { gte: 1 }`. Only these are computed
 * for a move: a provider may cost queries, and most workflows read none.
 */
export function conditionRoots(workflow: Workflow, provided: Iterable<string>): string[] {
  const roots = new Set(provided);
  const read = new Set<string>();
  for (const step of workflow.steps) {
    const when = step.type === 'branch' || step.type === 'wait_until' ? step.when : undefined;
    for (const path of Object.keys(when ?? {})) {
      const root = path.split('.')[0]!;
      if (roots.has(root)) read.add(root);
    }
  }
  return [...read].sort();
}

/** The data of these provided roots for one customer, keyed by root, to sit beside a run's context. */
export async function providedData(
  providers: ReadonlyMap<string, TemplateData>,
  roots: readonly string[],
  workspaceId: string,
  customerId: string,
  now: number,
): Promise<Record<string, unknown>> {
  const data: Record<string, unknown> = {};
  for (const root of roots) {
    const provide = providers.get(root);
    if (provide) data[root] = await provide(workspaceId, customerId, now);
  }
  return data;
}
