import { InputError, type FieldIssue } from '../../core/issues.ts';
import { indexJourney, type JourneyIndex } from '../../core/journey/rules.ts';
import type { JourneyMap } from '../../core/journey/schema.ts';
import { copyMaxAgeMs } from '../../platform/store/shared-copies.ts';
import type { Store } from '../../platform/store/port.ts';
import { defaultJourney } from './templates.ts';

interface Cached {
  index: JourneyIndex;
  /** A digest of the stored map, compared to notice a change made by another process. */
  version: string | null;
  checkedAt: number;
}

/** The stored map's digest: the same SQL on both engines, a few bytes per check. */
const VERSION_SQL = 'SELECT md5(doc::VARCHAR) AS version FROM journeys WHERE workspace_id = $1';

/** Each workspace's journey map, indexed once and kept in memory: ingest consults it for every item. */
export class JourneyService {
  private cache = new Map<string, Cached>();
  private readonly revalidateMs: number;

  constructor(
    private readonly store: Store,
    private readonly now: () => number = Date.now,
  ) {
    // Compared by digest, not re-read whole: ingest asks for the map on every request.
    this.revalidateMs = copyMaxAgeMs(store);
  }

  async get(workspaceId: string): Promise<JourneyIndex> {
    const hit = this.cache.get(workspaceId);
    const now = this.now();
    if (hit && now - hit.checkedAt < this.revalidateMs) return hit.index;
    // The digest is read before the map: a change made in between then shows at the next check.
    const version = await this.version(workspaceId);
    if (hit && version === hit.version) {
      hit.checkedAt = now;
      return hit.index;
    }
    let map = await this.store.getJourney(workspaceId);
    if (!map) {
      map = defaultJourney();
      await this.store.setJourney(workspaceId, map, now);
    }
    const index = indexJourney(map);
    this.cache.set(workspaceId, { index, version, checkedAt: now });
    return index;
  }

  private async version(workspaceId: string): Promise<string | null> {
    if (this.revalidateMs === Infinity) return null;
    const [row] = await this.store.read(VERSION_SQL, [workspaceId]);
    return row ? String(row.version) : null;
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
    // A Map, not `remap[touchpoint]`: touchpoint "constructor" found Object.prototype.constructor
    // there, passed as remapped, and its data was orphaned with a 200.
    const remapped = new Map(Object.entries(remap));
    const usage = await this.store.touchpointUsage(workspaceId);
    for (const [touchpoint, count] of usage) {
      if (!next.touchpoints.has(touchpoint) && !remapped.has(touchpoint)) {
        issues.push({
          path: `touchpoints.${touchpoint}`,
          code: 'would_orphan',
          message: `${count} stored items use touchpoint "${touchpoint}", which the new map drops; remap it (e.g. --remap ${touchpoint}=<new-id>)`,
        });
      }
    }
    if (issues.length) throw new InputError(issues, 'would_orphan');
    await this.store.setJourney(workspaceId, map, now, remap);
    // No digest: where other processes write, the next check reloads what was stored.
    this.cache.set(workspaceId, { index: next, version: null, checkedAt: this.now() });
  }
}
