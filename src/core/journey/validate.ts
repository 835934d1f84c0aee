import { journeyMapSchema, type JourneyMap } from './schema.ts';
import { zodIssues, type FieldIssue } from '../issues.ts';

export type JourneyResult = { ok: true; map: JourneyMap } | { ok: false; issues: FieldIssue[] };

/**
 * Parses and checks a journey map: the shape first, then what a schema cannot say
 * (ids unique across the whole map, rules pointing at touchpoints that exist, no empty journey).
 */
export function parseJourneyMap(input: unknown): JourneyResult {
  const parsed = journeyMapSchema.safeParse(input);
  if (!parsed.success) return { ok: false, issues: zodIssues(parsed.error) };
  const map = parsed.data;
  const issues: FieldIssue[] = [];
  if (map.stages.length === 0) {
    issues.push({ path: 'stages', code: 'empty_journey', message: 'a journey needs at least one stage' });
  }
  // Records an id, and an issue if it was seen before.
  const unique = (seen: Set<string>, id: string, path: string, what: string) => {
    if (seen.has(id))
      issues.push({ path, code: 'duplicate_id', message: `${what} id "${id}" is used twice` });
    seen.add(id);
  };
  const stageIds = new Set<string>();
  const touchpointIds = new Set<string>();
  const failureIds = new Set<string>();
  const eventOwner = new Map<string, string>();
  map.stages.forEach((stage, s) => {
    unique(stageIds, stage.id, `stages.${s}.id`, 'stage');
    if (stage.touchpoints.length === 0) {
      issues.push({
        path: `stages.${s}.touchpoints`,
        code: 'empty_stage',
        message: `stage "${stage.id}" has no touchpoints`,
      });
    }
    stage.touchpoints.forEach((tp, t) => {
      const path = `stages.${s}.touchpoints.${t}`;
      unique(touchpointIds, tp.id, `${path}.id`, 'touchpoint');
      for (const name of tp.events ?? []) {
        const other = eventOwner.get(name);
        if (other && other !== tp.id) {
          issues.push({
            path: `${path}.events`,
            code: 'ambiguous_event',
            message: `event "${name}" already maps to touchpoint "${other}"; use a rule with "where" to tell them apart`,
          });
        }
        eventOwner.set(name, tp.id);
      }
    });
  });
  const knownTouchpoint = (path: string, id: string) => {
    if (!touchpointIds.has(id)) {
      issues.push({ path, code: 'unknown_touchpoint', message: `touchpoint "${id}" is not in any stage` });
    }
  };
  map.rules.forEach((rule, i) => knownTouchpoint(`rules.${i}.touchpoint`, rule.touchpoint));
  map.failures.forEach((failure, i) => {
    knownTouchpoint(`failures.${i}.touchpoint`, failure.touchpoint);
    unique(failureIds, failure.id, `failures.${i}.id`, 'failure');
  });
  return issues.length ? { ok: false, issues } : { ok: true, map };
}
