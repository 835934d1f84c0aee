import { matchesConditions } from './conditions.ts';
import type { Survey, Trigger } from './schema.ts';

export interface TriggerRef {
  survey: Survey;
  trigger: Trigger;
}

/** What a trigger needs to know about an event to match it (before looking at traits). */
export interface TriggerEvent {
  name: string;
  touchpoint: string | null;
  properties: unknown;
}

/**
 * A workspace's active triggers by event name and by touchpoint, so matching an ingested event
 * is two map look-ups: most events match nothing and cost next to nothing.
 */
export class TriggerIndex {
  private readonly byName = new Map<string, TriggerRef[]>();
  private readonly byTouchpoint = new Map<string, TriggerRef[]>();

  constructor(surveys: Survey[]) {
    for (const survey of surveys) {
      if (!survey.active) continue;
      for (const trigger of survey.triggers) {
        const [map, key] =
          trigger.event !== undefined
            ? [this.byName, trigger.event]
            : [this.byTouchpoint, trigger.touchpoint!];
        const list = map.get(key) ?? [];
        list.push({ survey, trigger });
        map.set(key, list);
      }
    }
  }

  get empty(): boolean {
    return this.byName.size === 0 && this.byTouchpoint.size === 0;
  }

  /** Whether any trigger listens for this event name or touchpoint: the cheap first test. */
  watches(name: string, touchpoint: string | null): boolean {
    return this.byName.has(name) || (touchpoint !== null && this.byTouchpoint.has(touchpoint));
  }

  /** Triggers whose event, touchpoint and property conditions the event meets (traits come later). */
  match(event: TriggerEvent): TriggerRef[] {
    const named = this.byName.get(event.name) ?? [];
    const placed = event.touchpoint === null ? [] : (this.byTouchpoint.get(event.touchpoint) ?? []);
    if (named.length === 0 && placed.length === 0) return [];
    return [...named, ...placed].filter(
      ({ trigger }) =>
        (trigger.touchpoint === undefined || trigger.touchpoint === event.touchpoint) &&
        matchesConditions(trigger.where, event.properties),
    );
  }
}
