import { useState } from 'preact/hooks';
import { searchComments, textAnalysis, themeGrowth } from '../../api/endpoints.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { PeriodPicker } from '../../components/period-picker.tsx';
import { ResourceView } from '../../components/resource-view.tsx';
import { formatCount, formatDateTime, formatP, formatShare, formatSigned } from '../../lib/format.ts';
import { previousPeriod, usePeriod } from '../../lib/period.ts';
import { useResource } from '../../lib/use-resource.ts';
import type { TextAnalysis } from '../../../../src/capabilities/text/contract.ts';

/**
 * What customers write: the sentiment split of the period's comments, themes by touchpoint as a
 * heat map (cells count comments), new and growing themes against the period before, and the
 * comments themselves, searchable and filterable. Every count says what it counts.
 */
export function TextPage() {
  const [period, setPeriod] = usePeriod();
  const analysis = useResource((signal) => textAnalysis(period, signal), [period.from, period.to]);
  const growth = useResource((signal) => themeGrowth(period, signal), [period.from, period.to]);
  const before = previousPeriod(period);
  return (
    <section>
      <PageHeader
        title="Text"
        intro="Sentiment and themes of the comments customers wrote with their answers. Sentiment comes from the built-in English model; comments in other languages are counted but not scored."
      />
      <PeriodPicker period={period} onChange={setPeriod} />
      <ResourceView
        resource={analysis}
        label="the comments"
        isEmpty={(a) => a.comments === 0}
        empty="No comment in this period."
      >
        {(a) => (
          <>
            <Split analysis={a} from={period.from} to={period.to} />
            <Heatmap analysis={a} />
          </>
        )}
      </ResourceView>
      <h2>New and growing themes</h2>
      <ResourceView
        resource={growth}
        label="theme growth"
        isEmpty={(g) => g.themes.length === 0}
        empty="No theme in either period."
      >
        {(g) => (
          <>
            <p class="score-sample">
              Share of comments holding each theme, {period.from} to {period.to} against {before.from} to{' '}
              {before.to}; {g.test}. A theme is marked only when its adjusted p is below {g.alpha}.
            </p>
            <table data-testid="text-growth">
              <thead>
                <tr>
                  <th scope="col">theme</th>
                  <th scope="col">before</th>
                  <th scope="col">now</th>
                  <th scope="col">adjusted p</th>
                  <th scope="col">reading</th>
                </tr>
              </thead>
              <tbody>
                {g.themes.map((t) => (
                  <tr key={t.id}>
                    <td>{t.label}</td>
                    <td>
                      {formatCount(t.before.theme)} of {formatCount(t.before.total)} (
                      {formatShare(t.before.share)})
                    </td>
                    <td>
                      {formatCount(t.now.theme)} of {formatCount(t.now.total)} ({formatShare(t.now.share)})
                    </td>
                    <td>{formatP(t.pAdjusted)}</td>
                    <td>
                      {t.before.total === 0
                        ? 'no comments before: not tested'
                        : t.status === 'steady'
                          ? 'no significant rise'
                          : t.status}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </ResourceView>
      <h2>Comments</h2>
      <Comments
        from={period.from}
        to={period.to}
        themes={analysis.state === 'ready' ? analysis.data.themes : []}
      />
    </section>
  );
}

function Split({ analysis, from, to }: { analysis: TextAnalysis; from: string; to: string }) {
  const s = analysis.sentiment;
  const unscored = analysis.comments - s.negative - s.neutral - s.positive;
  const share = (n: number) => formatShare(n / analysis.comments);
  return (
    <p data-testid="text-split">
      {formatCount(analysis.comments)} comments from {from} to {to}: {formatCount(s.negative)} negative (
      {share(s.negative)}), {formatCount(s.neutral)} neutral ({share(s.neutral)}), {formatCount(s.positive)}{' '}
      positive ({share(s.positive)})
      {unscored > 0 ? `, ${formatCount(unscored)} in a language the model does not read` : ''}.
    </p>
  );
}

function Heatmap({ analysis }: { analysis: TextAnalysis }) {
  const touchpoints = [...new Set(analysis.themes.flatMap((t) => t.touchpoints.map((p) => p.id)))];
  const max = Math.max(1, ...analysis.themes.flatMap((t) => t.touchpoints.map((p) => p.comments)));
  return (
    <>
      <h2>Themes by touchpoint</h2>
      <p class="score-sample">
        Cells count the period's comments at a touchpoint that hold the theme (darker: more). Mean sentiment
        is over the theme's scored comments, from -1 to 1.
      </p>
      <div style={{ overflowX: 'auto' }}>
        <table data-testid="text-heatmap">
          <thead>
            <tr>
              <th scope="col">theme</th>
              <th scope="col">comments</th>
              <th scope="col">share</th>
              <th scope="col">mean sentiment</th>
              {touchpoints.map((id) => (
                <th scope="col" key={id}>
                  {id}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {analysis.themes.map((t) => (
              <tr key={t.id}>
                <th scope="row" title={t.terms.join(', ')}>
                  {t.label}
                </th>
                <td>{formatCount(t.comments)}</td>
                <td>{formatShare(t.share)}</td>
                <td>{formatSigned(t.sentiment)}</td>
                {touchpoints.map((id) => {
                  const n = t.touchpoints.find((p) => p.id === id)?.comments ?? 0;
                  return (
                    <td
                      key={id}
                      style={{ background: `rgba(49, 99, 149, ${(0.08 + (0.7 * n) / max).toFixed(2)})` }}
                    >
                      {n ? formatCount(n) : ''}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function Comments({ from, to, themes }: { from: string; to: string; themes: TextAnalysis['themes'] }) {
  const [filters, setFilters] = useState<Record<string, string>>({});
  const query: Record<string, string | number> = { from, to, limit: 50 };
  for (const [k, v] of Object.entries(filters)) if (v !== '') query[k] = v;
  const found = useResource((signal) => searchComments(query, signal), [JSON.stringify(query)]);
  const set = (key: string) => (e: Event) =>
    setFilters({ ...filters, [key]: (e.target as HTMLInputElement).value });
  return (
    <>
      <form class="filters" onSubmit={(e) => e.preventDefault()} data-testid="text-filters">
        <label>
          words <input name="q" type="search" onChange={set('q')} />
        </label>
        <label>
          sentiment{' '}
          <select name="sentiment" onChange={set('sentiment')}>
            <option value="">any</option>
            <option value="negative">negative</option>
            <option value="neutral">neutral</option>
            <option value="positive">positive</option>
          </select>
        </label>
        <label>
          theme{' '}
          <select name="theme" onChange={set('theme')}>
            <option value="">any</option>
            {themes.map((t) => (
              <option key={t.id} value={t.id}>
                {t.label}
              </option>
            ))}
          </select>
        </label>
      </form>
      <ResourceView
        resource={found}
        label="comments"
        isEmpty={(r) => r.total === 0}
        empty="No comment matches."
      >
        {(r) => (
          <>
            <p data-testid="text-found">
              {formatCount(r.total)} comments match in this period; showing the newest {r.items.length}.
            </p>
            <table data-testid="text-comments">
              <tbody>
                {r.items.map((i) => (
                  <tr key={i.id}>
                    <td>{formatDateTime(i.at)}</td>
                    <td>{i.touchpoint}</td>
                    <td>
                      {i.metric} {i.score}
                    </td>
                    <td>
                      {i.sentiment?.label ??
                        (i.sentiment ? `not scored (${i.sentiment.language})` : 'not read yet')}
                    </td>
                    <td>{i.comment}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </ResourceView>
    </>
  );
}
