import type { FieldIssue } from '../../core/issues.ts';
import type { JourneyIndex } from '../../core/journey/rules.ts';

/**
 * What scores can be grouped by. Stage, phase and channel come from the journey map (a
 * touchpoint belongs to one stage, a stage to one phase); a trait comes from the customer's
 * current traits, so `trait:segment` groups by the segment customers are in now.
 */
export type JourneyDimension = 'touchpoint' | 'stage' | 'phase' | 'channel';
export type Dimension =
  { kind: JourneyDimension; key: string } | { kind: 'trait'; key: string; name: string };

export const JOURNEY_DIMENSIONS: readonly JourneyDimension[] = ['touchpoint', 'stage', 'phase', 'channel'];
export const DIMENSION_HELP = 'touchpoint, stage, phase, channel or trait:<name>';

/**
 * Trait names are bound as parameters, but DuckDB reads a `->>` key that starts with `$` or `/`
 * as a JSON path, so names keep to a plain identifier shape.
 */
const TRAIT_NAME = /^[A-Za-z0-9_][A-Za-z0-9_-]{0,63}$/;

/** Parses one dimension; the key it reports under is exactly what was asked (`trait:segment`). */
export function parseDimension(text: string, path: string): Dimension | FieldIssue {
  const value = text.trim();
  if ((JOURNEY_DIMENSIONS as readonly string[]).includes(value)) {
    return { kind: value as JourneyDimension, key: value };
  }
  if (value.startsWith('trait:')) {
    const name = value.slice('trait:'.length);
    if (TRAIT_NAME.test(name)) return { kind: 'trait', key: value, name };
    return {
      path,
      code: 'invalid_trait',
      message: 'a trait name is 1-64 letters, digits, "_" or "-"',
    };
  }
  return { path, code: 'invalid_dimension', message: `"${value}" is not one of ${DIMENSION_HELP}` };
}

/** A comma-separated list of dimensions, each at most once. */
export function parseDimensions(
  text: string | undefined,
  path: string,
  max = 3,
): { dimensions: Dimension[]; issues: FieldIssue[] } {
  if (text === undefined || text.trim() === '') return { dimensions: [], issues: [] };
  const parts = text.split(',');
  const issues: FieldIssue[] = [];
  const dimensions: Dimension[] = [];
  for (const part of parts) {
    const parsed = parseDimension(part, path);
    if ('path' in parsed) issues.push(parsed);
    else if (dimensions.some((d) => d.key === parsed.key)) {
      issues.push({ path, code: 'duplicate', message: `"${parsed.key}" is listed twice` });
    } else dimensions.push(parsed);
  }
  if (dimensions.length > max) {
    issues.push({ path, code: 'too_many', message: `group by at most ${max} dimensions` });
  }
  return { dimensions, issues };
}

/** The value of a journey dimension for a touchpoint; null for a touchpoint the map no longer has. */
export function journeyValue(journey: JourneyIndex, touchpoint: string | null, kind: JourneyDimension) {
  if (touchpoint === null) return null;
  if (kind === 'touchpoint') return touchpoint;
  const entry = journey.touchpoints.get(touchpoint);
  if (!entry) return null;
  if (kind === 'stage') return entry.stage.id;
  if (kind === 'phase') return entry.stage.phase;
  return entry.touchpoint.channel;
}
