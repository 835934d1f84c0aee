import type { Score, ScoreMetric } from '../../api/analytics.ts';
import { ChangeMarker, ScoreSample, SmallSample } from '../../components/score-badges.tsx';
import { Sparkline } from '../../components/sparkline.tsx';
import { formatShare } from '../../lib/format.ts';
import { formatScore, METRICS, scoreColor } from '../../lib/metrics.ts';
import type { TouchpointScores } from './touchpoint-scores.ts';

const ORDER: ScoreMetric[] = ['nps', 'csat', 'ces', 'rating'];

/** One card per score the touchpoint collects: value, sample, change and trend. */
export function ScoreCards({ data }: { data: TouchpointScores }) {
  const present = ORDER.filter((m) => data.scores[m]);
  if (present.length === 0)
    return <p class="state state-empty">No scored feedback at this touchpoint in this period.</p>;
  return (
    <div class="figures" data-testid="score-cards">
      {present.map((metric) => {
        const score = data.scores[metric] as Score;
        const color = scoreColor(metric, score.value);
        return (
          <div
            key={metric}
            class="figure score-card"
            data-metric={metric}
            style={color ? { '--score-color': color } : undefined}
          >
            <h3>{METRICS[metric].label}</h3>
            <p class="figure-value" data-value={score.value ?? ''}>
              {formatScore(metric, score.value)} <SmallSample score={score} />
            </p>
            <ScoreSample metric={metric} score={score} />
            <Breakdown metric={metric} score={score} />
            {data.trends[metric] && (
              <Sparkline
                values={data.trends[metric]}
                label={`${METRICS[metric].label} by ${data.interval}, oldest first`}
                width={200}
              />
            )}
            <ChangeMarker metric={metric} change={data.changes[metric]?.change} against="previous period" />
          </div>
        );
      })}
    </div>
  );
}

function Breakdown({ metric, score }: { metric: ScoreMetric; score: Score }) {
  const s = score as Score & {
    promotersPct?: number | null;
    detractorsPct?: number | null;
    passivesPct?: number | null;
    easy?: Score;
  };
  if (metric === 'nps' && s.promotersPct !== undefined) {
    return (
      <p class="help">
        promoters {formatShare((s.promotersPct ?? 0) / 100)}, passives{' '}
        {formatShare((s.passivesPct ?? 0) / 100)}, detractors {formatShare((s.detractorsPct ?? 0) / 100)}
      </p>
    );
  }
  if (metric === 'ces' && s.easy) return <p class="help">easy (5-7): {formatScore('csat', s.easy.value)}</p>;
  return null;
}
