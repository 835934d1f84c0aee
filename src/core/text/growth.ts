/**
 * Which themes are new or growing between two periods: the share of comments that hold a theme,
 * before and now, compared with a one-sided two-proportion z-test (pooled), and the p-values
 * adjusted for the number of themes tested with Holm's method, so that among twelve themes one
 * does not come out "growing" by chance. A theme is
 * - "new" when no comment held it before and its rise is significant,
 * - "growing" when it was there before and its share rose significantly,
 * - "steady" otherwise (too few comments to tell is also "steady": not significant).
 */
import { holmAdjust } from '../stats/holm.ts';
import { normalSf } from '../stats/distributions.ts';

export interface PeriodCount {
  /** comments holding the theme */
  theme: number;
  /** all comments in the period */
  total: number;
}

export interface ThemeGrowth {
  status: 'new' | 'growing' | 'steady';
  before: PeriodCount & { share: number };
  now: PeriodCount & { share: number };
  /** one-sided p-value of "the share rose", before adjustment; null when a period has no comments */
  p: number | null;
  /** Holm-adjusted over all themes tested together */
  pAdjusted: number | null;
}

export const GROWTH_TEST = 'one-sided two-proportion z-test (pooled), Holm-adjusted across themes';

/** One-sided p-value that the share in `now` exceeds the share in `before`. */
export function shareRiseP(before: PeriodCount, now: PeriodCount): number | null {
  if (before.total === 0 || now.total === 0) return null;
  const p0 = before.theme / before.total;
  const p1 = now.theme / now.total;
  const pooled = (before.theme + now.theme) / (before.total + now.total);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / before.total + 1 / now.total));
  if (se === 0) return p1 > p0 ? 0 : 1;
  return normalSf((p1 - p0) / se);
}

export function themeGrowth(
  counts: readonly { before: PeriodCount; now: PeriodCount }[],
  alpha = 0.05,
): ThemeGrowth[] {
  const ps = counts.map((c) => shareRiseP(c.before, c.now));
  const adjusted = holmAdjust(ps);
  return counts.map((c, i) => {
    const pAdjusted = adjusted[i] ?? null;
    const significant = pAdjusted !== null && pAdjusted < alpha;
    const share = (x: PeriodCount) => (x.total ? x.theme / x.total : 0);
    return {
      status: !significant ? 'steady' : c.before.theme === 0 ? 'new' : 'growing',
      before: { ...c.before, share: share(c.before) },
      now: { ...c.now, share: share(c.now) },
      p: ps[i] ?? null,
      pAdjusted,
    };
  });
}
