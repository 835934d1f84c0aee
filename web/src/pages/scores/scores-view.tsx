import { useMemo } from 'preact/hooks';
import { keyOf, type Score, type ScoreRow, type ScoresReport } from '../../api/analytics.ts';
import { Chart } from '../../charts/chart.tsx';
import { scoreSeriesOption } from '../../charts/options/score-series.ts';
import { Link, touchpointHref } from '../../components/link.tsx';
import { SmallSample } from '../../components/score-badges.tsx';
import { formatCount, formatDate } from '../../lib/format.ts';
import { stageName, touchpointName, type JourneyIndex } from '../../lib/journey-index.ts';
import { formatScore, formatScoreInterval, METRICS } from '../../lib/metrics.ts';
import { useQueryParam } from '../../lib/url-state.ts';
import type { ScoresFilter } from './scores-page.tsx';

const DEFAULT_LINES = 5;

function groupLabel(journey: JourneyIndex | undefined, by: string, key: string | null): string {
  if (key === null) return '(none)';
  if (by === 'touchpoint') return touchpointName(journey, key);
  if (by === 'stage') return stageName(journey, key);
  return key;
}

export function ScoresView({
  series,
  totals,
  filter,
  journey,
}: {
  series: ScoresReport;
  totals: ScoresReport;
  filter: ScoresFilter;
  journey: JourneyIndex | undefined;
}) {
  const { metric, by, segment } = filter;
  const keep = (row: ScoreRow) => !segment || keyOf(row, 'trait:segment') === segment;
  const groups = useMemo(
    () =>
      totals.rows
        .filter(keep)
        .map((row) => ({ key: keyOf(row, by), score: row[metric] as Score | undefined }))
        .filter((g): g is { key: string | null; score: Score } => !!g.score)
        .sort((a, b) => b.score.n - a.score.n),
    [totals, by, metric, segment],
  );
  const [shown, setShown] = useQueryParam('show', '');
  const onChart = shown ? shown.split(',') : groups.slice(0, DEFAULT_LINES).map((g) => String(g.key));
  const toggle = (key: string) => {
    const next = onChart.includes(key) ? onChart.filter((k) => k !== key) : [...onChart, key];
    setShown(next.join(','));
  };

  const option = useMemo(() => {
    const rows = series.rows.filter(keep);
    const periods = [...new Set(rows.map((r) => r.period).filter((p): p is string => !!p))].sort();
    const lines = onChart.map((key) => ({
      name: groupLabel(journey, by, key === 'null' ? null : key),
      points: periods.map((period) => {
        const row = rows.find((r) => r.period === period && String(keyOf(r, by)) === key);
        return row?.[metric] as Score | undefined;
      }),
    }));
    return scoreSeriesOption(
      periods,
      lines,
      (v) => formatScore(metric, v),
      (p) => formatDate(`${p}T00:00:00Z`),
    );
  }, [series, onChart.join(), journey, metric, by, segment]);

  return (
    <>
      <Chart
        option={option}
        label={`${METRICS[metric].label} over time with 95 % confidence bands`}
        height={380}
        testId="scores-chart"
      />
      <div class="table-scroll">
        <table data-testid="scores-table">
          <caption>
            {METRICS[metric].label} for the whole period{segment ? `, segment ${segment}` : ''}, most
            responses first
          </caption>
          <thead>
            <tr>
              <th scope="col">On chart</th>
              <th scope="col">{by.startsWith('trait:') ? by.slice(6) : by}</th>
              <th scope="col" class="num">
                {METRICS[metric].label}
              </th>
              <th scope="col" class="num">
                Responses
              </th>
              <th scope="col" class="num">
                95 % interval
              </th>
              <th scope="col">Sample</th>
            </tr>
          </thead>
          <tbody>
            {groups.map((g) => {
              const label = groupLabel(journey, by, g.key);
              return (
                <tr
                  key={String(g.key)}
                  class={g.score.insufficient ? 'insufficient' : undefined}
                  data-group={String(g.key)}
                >
                  <td>
                    <input
                      type="checkbox"
                      checked={onChart.includes(String(g.key))}
                      onChange={() => toggle(String(g.key))}
                      aria-label={`Show ${label} on the chart`}
                    />
                  </td>
                  <th scope="row">
                    {by === 'touchpoint' && g.key ? <Link href={touchpointHref(g.key)}>{label}</Link> : label}
                  </th>
                  <td class="num" data-value={g.score.value ?? ''}>
                    {formatScore(metric, g.score.value)}
                  </td>
                  <td class="num">{formatCount(g.score.n)}</td>
                  <td class="num">{formatScoreInterval(metric, g.score.ci95)}</td>
                  <td>
                    <SmallSample score={g.score} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {[...series.notes, ...totals.notes].map((note, i) => (
        <p key={i} class="help">
          {note}
        </p>
      ))}
    </>
  );
}
