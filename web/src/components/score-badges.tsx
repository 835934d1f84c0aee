import type { Comparison, Score, ScoreMetric } from '../api/analytics.ts';
import { formatCount, formatP, formatShare } from '../lib/format.ts';
import { formatScoreChange, formatScoreInterval } from '../lib/metrics.ts';

/** "n = 812 · 95 % CI 25.9 to 36.5", the sample behind every score. */
export function ScoreSample({ metric, score }: { metric: ScoreMetric; score: Score }) {
  return (
    <span class="score-sample">
      n = {formatCount(score.n)}
      {score.ci95 && <> · 95 % CI {formatScoreInterval(metric, score.ci95)}</>}
    </span>
  );
}

/** "12.4 % of 812": a rate with the group it was measured on. */
export function RateOf({ rate, n }: { rate: number | null; n: number }) {
  return (
    <>
      {formatShare(rate)} <span class="score-sample">of {formatCount(n)}</span>
    </>
  );
}

/** Small samples are shown, and flagged rather than hidden. */
export function SmallSample({ score }: { score: Score }) {
  if (!score.insufficient || score.n === 0) return null;
  return (
    <span class="badge badge-small" title="fewer responses than the minimum for a reliable score">
      small sample
    </span>
  );
}

/** The change against the comparison window; "significant" only when the test says so. */
export function ChangeMarker({
  metric,
  change,
  against,
}: {
  metric: ScoreMetric;
  change: Comparison | undefined;
  against: string;
}) {
  if (!change || change.difference === null) return null;
  const up = change.difference > 0;
  if (!change.significant) {
    return (
      <span class="change not-significant">
        {formatScoreChange(metric, change.difference)} vs {against}, not significant
      </span>
    );
  }
  return (
    <span class={`change significant ${up ? 'up' : 'down'}`} data-significant="true">
      <span aria-hidden="true">{up ? '▲' : '▼'}</span> {formatScoreChange(metric, change.difference)} vs{' '}
      {against}, significant {up ? 'rise' : 'drop'} ({formatP(change.p)})
    </span>
  );
}
