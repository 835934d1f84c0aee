import { liftOf, type Lift } from '../../core/workflows/lift.ts';
import type { Workflow } from '../../core/workflows/definition.ts';
import type { Store } from '../../platform/store/port.ts';
import { bool, epochMs, nullable, num, row, text } from '../../platform/store/rows.ts';

/** How long after entering a customer's answers count as feedback on the workflow. */
export const FEEDBACK_WINDOW_MS = 30 * 86_400_000;

export interface FeedbackComparison {
  metric: string;
  scale: { min: number; max: number };
  treated: { answers: number; mean: number | null };
  holdout: { answers: number; mean: number | null };
}

export interface WorkflowResults {
  workflow: string;
  /** The runs counted: every entrant of this workflow, from the first entry to the last. */
  population: { from: number | null; to: number | null; note: string };
  entered: number;
  holdout: number;
  /** Runs of entrants (not holdout) by status: active, waiting, completed, exited, goal, failed. */
  byStatus: Record<string, number>;
  /** Per step: how many runs reached each outcome there (sent, failed, suppressed, delayed, ...). */
  steps: { step: string; outcomes: Record<string, number> }[];
  goal: (Lift & { event: string; within: number }) | null;
  feedback: FeedbackComparison[];
}

/**
 * Results of a workflow: entrants, statuses, per-step outcomes, goal conversion of entrants against
 * the holdout (runs count once each; a run converts when its goal event came within the goal's
 * window after entering), and the answers entrants and holdout gave within 30 days of entering.
 */
export async function workflowResults(
  store: Store,
  workspaceId: string,
  workflow: Workflow,
): Promise<WorkflowResults> {
  const params = [workspaceId, workflow.id];
  const [statusRows, stepRows, feedbackRows] = await Promise.all([
    store.readRows(
      row({
        holdout: bool,
        status: text,
        runs: num,
        converted: num,
        first: nullable(epochMs),
        last: nullable(epochMs),
      }),
      `SELECT holdout, status, count(*) AS runs, count(converted_at) AS converted, min(entered_at) AS first, max(entered_at) AS last
       FROM workflow_runs WHERE workspace_id = $1 AND workflow_id = $2 GROUP BY holdout, status`,
      params,
    ),
    store.readRows(
      row({ step_id: text, outcome: text, runs: num }),
      `SELECT step_id, outcome, count(DISTINCT run_id) AS runs FROM workflow_log
       WHERE workspace_id = $1 AND workflow_id = $2 AND step_id <> '' GROUP BY step_id, outcome`,
      params,
    ),
    store.readRows(
      row({ holdout: bool, metric: text, scale_min: num, scale_max: num, answers: num, mean: nullable(num) }),
      `SELECT r.holdout, f.metric, f.scale_min, f.scale_max, count(*) AS answers, avg(f.score) AS mean
       FROM workflow_runs r JOIN feedback f ON f.workspace_id = r.workspace_id AND f.customer_id = r.customer_id
         AND f.ts > r.entered_at AND f.ts <= r.entered_at + INTERVAL '30 days'
       WHERE r.workspace_id = $1 AND r.workflow_id = $2
       GROUP BY r.holdout, f.metric, f.scale_min, f.scale_max ORDER BY f.metric, f.scale_min, f.scale_max`,
      params,
    ),
  ]);
  const byStatus: Record<string, number> = {};
  const treated = { entered: 0, converted: 0 };
  const holdout = { entered: 0, converted: 0 };
  let from: number | null = null;
  let to: number | null = null;
  for (const r of statusRows) {
    const group = r.holdout ? holdout : treated;
    group.entered += r.runs;
    group.converted += r.converted;
    if (!r.holdout) byStatus[r.status] = (byStatus[r.status] ?? 0) + r.runs;
    if (r.first !== null) from = from === null ? r.first : Math.min(from, r.first);
    if (r.last !== null) to = to === null ? r.last : Math.max(to, r.last);
  }
  const steps = new Map<string, Record<string, number>>();
  for (const r of stepRows) steps.set(r.step_id, { ...(steps.get(r.step_id) ?? {}), [r.outcome]: r.runs });
  const feedback = new Map<string, FeedbackComparison>();
  for (const r of feedbackRows) {
    const key = `${r.metric}:${r.scale_min}:${r.scale_max}`;
    const entry = feedback.get(key) ?? {
      metric: r.metric,
      scale: { min: r.scale_min, max: r.scale_max },
      treated: { answers: 0, mean: null },
      holdout: { answers: 0, mean: null },
    };
    entry[r.holdout ? 'holdout' : 'treated'] = { answers: r.answers, mean: r.mean };
    feedback.set(key, entry);
  }
  return {
    workflow: workflow.id,
    population: {
      from,
      to,
      note: 'every run of this workflow that entered between from and to; holdout entrants got nothing',
    },
    entered: treated.entered + holdout.entered,
    holdout: holdout.entered,
    byStatus,
    steps: workflow.steps
      .filter((s) => steps.has(s.id))
      .map((s) => ({ step: s.id, outcomes: steps.get(s.id)! })),
    goal: workflow.goal
      ? { event: workflow.goal.event, within: workflow.goal.within, ...liftOf(treated, holdout) }
      : null,
    feedback: [...feedback.values()],
  };
}
