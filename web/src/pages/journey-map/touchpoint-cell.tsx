import type { MetricChange, Score, ScoreMetric } from '../../api/analytics.ts';
import type { Touchpoint } from '../../api/types.ts';
import { ChangeMarker, ScoreSample, SmallSample } from '../../components/score-badges.tsx';
import { Link, touchpointHref } from '../../components/link.tsx';
import { Sparkline } from '../../components/sparkline.tsx';
import { formatScore, METRICS, scoreColor } from '../../lib/metrics.ts';

/** One touchpoint on the map: its score coloured, with n, interval, trend and a change marker. */
export function TouchpointCell({
  touchpoint,
  metric,
  score,
  trend,
  change,
  interval,
  scoresShown,
}: {
  touchpoint: Touchpoint;
  metric: ScoreMetric;
  score: Score | undefined;
  trend: (number | null)[] | undefined;
  change: MetricChange | undefined;
  interval: string;
  /** false while scores are loading or not available: the cell shows the map only */
  scoresShown: boolean;
}) {
  const color = scoreColor(metric, score?.value);
  const hasScore = score && score.value !== null;
  return (
    <li
      class={`tp-cell${hasScore ? '' : ' no-score'}${score?.insufficient ? ' insufficient' : ''}`}
      data-touchpoint={touchpoint.id}
      style={color ? { '--score-color': color } : undefined}
    >
      <Link href={touchpointHref(touchpoint.id)} class="tp-link">
        <span class="tp-name">{touchpoint.name}</span>
        <span class="tp-channel">
          {touchpoint.channel}
          {touchpoint.owner ? ` · ${touchpoint.owner}` : ''}
        </span>
        {scoresShown &&
          (hasScore ? (
            <>
              <span class="tp-score">
                <span class="visually-hidden">{METRICS[metric].label} </span>
                <span class="tp-value" data-value={score.value}>
                  {formatScore(metric, score.value)}
                </span>
                <SmallSample score={score} />
              </span>
              <ScoreSample metric={metric} score={score} />
              {trend && (
                <Sparkline values={trend} label={`${METRICS[metric].label} by ${interval}, oldest first`} />
              )}
              <ChangeMarker metric={metric} change={change?.change} against="previous period" />
            </>
          ) : (
            <span class="tp-empty">no {METRICS[metric].label} responses</span>
          ))}
      </Link>
    </li>
  );
}
