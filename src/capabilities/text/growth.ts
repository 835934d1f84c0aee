import { GROWTH_TEST, themeGrowth } from '../../core/text/growth.ts';
import { matchesTheme } from '../../core/text/themes.ts';
import type { Store } from '../../platform/store/port.ts';
import type { TimeWindow } from '../../platform/time/window.ts';
import type { ThemeGrowthReply } from './contract.ts';
import { readComments } from './analysis.ts';
import { listThemes } from './themes.ts';

const ALPHA = 0.05;

/**
 * New and growing themes: the window against the period of the same length just before it, each
 * theme's share of comments compared (core/text/growth.ts), Holm-adjusted across the themes.
 */
export async function themeGrowthReport(
  store: Store,
  workspaceId: string,
  window: TimeWindow,
  touchpoint?: string,
): Promise<ThemeGrowthReply> {
  const length = window.to.getTime() - window.from.getTime();
  const before: TimeWindow = { from: new Date(window.from.getTime() - length), to: window.from };
  const [now, earlier, themes] = await Promise.all([
    readComments(store, workspaceId, window, touchpoint),
    readComments(store, workspaceId, before, touchpoint),
    listThemes(store, workspaceId),
  ]);
  const count = (list: typeof now, theme: (typeof themes)[number]) =>
    list.filter((c) => matchesTheme(c.stems, theme)).length;
  const counts = themes.map((theme) => ({
    before: { theme: count(earlier, theme), total: earlier.length },
    now: { theme: count(now, theme), total: now.length },
  }));
  const growth = themeGrowth(counts, ALPHA);
  return {
    test: GROWTH_TEST,
    alpha: ALPHA,
    before: { from: before.from.toISOString(), to: before.to.toISOString() },
    now: { from: window.from.toISOString(), to: window.to.toISOString() },
    themes: themes
      .map((theme, i) => ({ id: theme.id, label: theme.label, ...growth[i]! }))
      .filter((t) => t.now.theme > 0 || t.before.theme > 0)
      .sort((a, b) => (a.pAdjusted ?? 2) - (b.pAdjusted ?? 2) || (a.id < b.id ? -1 : 1)),
  };
}
