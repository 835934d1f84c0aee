import { InputError, type FieldIssue } from '../../core/issues.ts';
import { indexJourney, type JourneyIndex } from '../../core/journey/rules.ts';
import type { JourneyMap } from '../../core/journey/schema.ts';
import type { Store } from '../../platform/store/port.ts';
import { defaultJourney } from './templates.ts';

/** Each workspace's journey map, indexed once and kept in memory: ingest consults it for every item. */
export class JourneyService {
  private cache = new Map<string, JourneyIndex>();

  constructor(private readonly store: Store) {}

  async get(workspaceId: string): Promise<JourneyIndex> {
    const hit = this.cache.get(workspaceId);
    if (hit) return hit;
    let map = await this.store.getJourney(workspaceId);
    if (!map) {
      map = defaultJourney();
      await this.store.setJourney(workspaceId, map, Date.now());
    }
    const index = indexJourney(map);
    this.cache.set(workspaceId, index);
    return index;
  }

  /**
   * Replaces the map. Stored events and feedback must keep a touchpoint that exists: a touchpoint
   * that disappears is refused unless `remap` says where its data goes.
   */
  async set(
    workspaceId: string,
    map: JourneyMap,
    now: number,
    remap: Record<string, string> = {},
  ): Promise<void> {
    const next = indexJourney(map);
    const issues: FieldIssue[] = [];
    for (const [from, to] of Object.entries(remap)) {
      if (!next.touchpoints.has(to)) {
        issues.push({
          path: `remap.${from}`,
          code: 'unknown_touchpoint',
          message: `"${to}" is not in the new map`,
        });
      }
    }
    const usage = await this.store.touchpointUsage(workspaceId);
    for (const [touchpoint, count] of usage) {
      if (!next.touchpoints.has(touchpoint) && remap[touchpoint] === undefined) {
        issues.push({
          path: `touchpoints.${touchpoint}`,
          code: 'would_orphan',
          message: `${count} stored items use touchpoint "${touchpoint}", which the new map drops; remap it (e.g. --remap ${touchpoint}=<new-id>)`,
        });
      }
    }
    if (issues.length) throw new InputError(issues, 'would_orphan');
    await this.store.setJourney(workspaceId, map, now, remap);
    this.cache.set(workspaceId, next);
  }
}
