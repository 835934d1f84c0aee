import type { FieldIssue } from '../../core/issues.ts';
import { indexJourney, type JourneyIndex } from '../../core/journey/rules.ts';
import type { JourneyMap } from '../../core/journey/schema.ts';
import { copyMaxAgeMs } from '../../platform/store/shared-copies.ts';
import type { Store } from '../../platform/store/port.ts';
import { DomainError } from '../../platform/errors.ts';
import { defaultJourney } from './templates.ts';

/** Something configured against a touchpoint (a survey bound to it), named for the 409 that protects it. */
export interface TouchpointUse {
  touchpoint: string;
  /** Who uses it, as a caller would fix it: `survey "post-delivery"`. */
  user: string;
  /** Where to change it, e.g. `PUT /v1/surveys/post-delivery`. */
  fix: string;
}

/**
 * Capabilities that configure things against touchpoints declare how to list them, since the
 * journey capability may not import them (capabilities/graph.ts): a map that drops a touchpoint
 * still in use is refused, as is one that would orphan stored data.
 */
export type TouchpointUsers = (workspaceId: string) => Promise<TouchpointUse[]>;

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
  private readonly users: TouchpointUsers[] = [];

  /** Registers a lister of configuration bound to touchpoints (surveys do at start). */
  declareUsers(users: TouchpointUsers) {
    this.users.push(users);
  }

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
          message: `${count} stored items use touchpoint "${touchpoint}", which the new map drops; say where they go with "remap": {"${touchpoint}": "<new-id>"} beside "map" in the body (the CLI: --remap ${touchpoint}=<new-id>)`,
        });
      }
    }
    // A remap moves stored data, not configuration: a survey bound to a dropped touchpoint would
    // go on inviting while its answers were refused as unknown_touchpoint.
    const uses = (await Promise.all(this.users.map((list) => list(workspaceId)))).flat();
    for (const use of uses) {
      if (next.touchpoints.has(use.touchpoint)) continue;
      issues.push({
        path: `touchpoints.${use.touchpoint}`,
        code: 'touchpoint_in_use',
        message: `${use.user} uses touchpoint "${use.touchpoint}", which the new map drops; point it at another touchpoint first (${use.fix})`,
      });
    }
    if (issues.length)
      throw new DomainError('conflict', 'the new map drops touchpoints that stored data or surveys use', {
        code: 'would_orphan',
        issues,
      });
    await this.store.setJourney(workspaceId, map, now, remap);
    // No digest: where other processes write, the next check reloads what was stored.
    this.cache.set(workspaceId, { index: next, version: null, checkedAt: this.now() });
  }
}
