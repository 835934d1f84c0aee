import { currentStages, journey as loadJourney } from '../../api/endpoints.ts';
import type { Phase, Stage, StageCounts } from '../../api/types.ts';
import { ChoiceGroup } from '../../components/choice-group.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { PeriodPicker } from '../../components/period-picker.tsx';
import { Loading, NotAvailable, ResourceView } from '../../components/resource-view.tsx';
import { ScoreSample, SmallSample } from '../../components/score-badges.tsx';
import { formatCount, formatDate, formatDateTime } from '../../lib/format.ts';
import {
  DEFAULT_METRIC,
  formatScore,
  MAP_METRICS,
  METRICS,
  scoreColor,
  type MapMetric,
} from '../../lib/metrics.ts';
import { usePeriod } from '../../lib/period.ts';
import { dataOf, useResource, type Loadable } from '../../lib/use-resource.ts';
import { useQueryChoice } from '../../lib/url-state.ts';
import { hasNoData, useSession } from '../../session-context.ts';
import { useDataLoad } from '../../lib/data-load.ts';
import { FirstRunHelp } from '../first-run/first-run-page.tsx';
import { loadMapScores, type MapScores } from './map-scores.ts';
import { TouchpointCell } from './touchpoint-cell.tsx';
import './journey-map.css';

const PHASE_LABEL: Record<Phase, string> = {
  'pre-purchase': 'Pre-purchase',
  purchase: 'Purchase',
  'post-purchase': 'Post-purchase',
};

/** Consecutive stages of one phase, for the band above the stages. */
function phaseSpans(stages: Stage[]): { phase: Phase; span: number }[] {
  const spans: { phase: Phase; span: number }[] = [];
  for (const stage of stages) {
    const last = spans[spans.length - 1];
    if (last && last.phase === stage.phase) last.span++;
    else spans.push({ phase: stage.phase, span: 1 });
  }
  return spans;
}

/** The first page: the whole journey, stages left to right, each touchpoint coloured by its score. */
export function JourneyMapPage() {
  const session = useSession();
  const [metric, setMetric] = useQueryChoice<MapMetric>('metric', MAP_METRICS, DEFAULT_METRIC);
  const [period, setPeriod] = usePeriod();
  const journey = useResource((signal) => loadJourney(signal), []);
  // Where customers are now: not filtered by the period (a current stage is as of now).
  const here = useResource((signal) => currentStages(signal), []);
  const scores = useResource(
    (signal) => loadMapScores(period, metric, signal),
    [period.from, period.to, metric],
  );
  // While the demo data loads, the workspace is not one to send data to yet: the banner says what is happening.
  const loading = useDataLoad().load?.state === 'loading';
  const empty = hasNoData(session) && !loading;

  return (
    <section
      class="journey-page"
      data-state={journey.state === 'ready' && scores.state !== 'loading' ? 'ready' : 'loading'}
    >
      <PageHeader
        title="Journey map"
        intro={
          <>
            {dataOf(journey)?.name ?? 'The journey'}: how customers feel at each touchpoint from{' '}
            {formatDate(period.from)} to {formatDate(period.to)}.
          </>
        }
      >
        <ChoiceGroup
          legend="Score"
          name="metric"
          value={metric}
          onChange={setMetric}
          options={MAP_METRICS.map((m) => ({ value: m, label: METRICS[m].label }))}
        />
        <PeriodPicker period={period} onChange={setPeriod} />
      </PageHeader>
      {empty && <FirstRunHelp />}
      <ResourceView
        resource={journey}
        label="the journey map"
        isEmpty={(j) => j.stages.length === 0}
        empty="The journey map has no stages yet: set one with cxloop journey set."
      >
        {(map) => (
          <>
            <ScoresStatus scores={scores} metric={metric} />
            <StageCountsNote counts={dataOf(here)} />
            <JourneyGrid stages={map.stages} metric={metric} scores={dataOf(scores)} here={dataOf(here)} />
          </>
        )}
      </ResourceView>
    </section>
  );
}

function ScoresStatus({ scores, metric }: { scores: Loadable<MapScores>; metric: MapMetric }) {
  if (scores.state === 'loading') return <Loading label={`${METRICS[metric].label} scores`} />;
  if (scores.state === 'unavailable')
    return <NotAvailable label="touchpoint scores" detail={scores.message} />;
  if (scores.state === 'error') {
    return (
      <div class="state state-error" role="alert">
        <p>Could not load the scores: {scores.error.message}</p>
        <button type="button" onClick={scores.reload}>
          Try again
        </button>
      </div>
    );
  }
  return (
    <ul class="map-legend">
      <li>
        <span class="legend-scale" aria-hidden="true" /> {METRICS[metric].long}: red is poor, green is good
      </li>
      <li>
        <span class="badge badge-small">small sample</span> fewer responses than the minimum
      </li>
      <li>▲ ▼ a significant change from the previous period of the same length</li>
    </ul>
  );
}

/** Names the population and the clock of the per-stage counts, and the stalled rule. */
function StageCountsNote({ counts }: { counts: StageCounts | undefined }) {
  if (!counts) return null;
  return (
    <p class="help" data-testid="stage-counts-note">
      “Here now”: {formatCount(counts.customers)} {counts.population}, counted by their current stage on{' '}
      {formatDateTime(counts.asOf)} (not limited to the period above). {counts.rule}
    </p>
  );
}

function JourneyGrid({
  stages,
  metric,
  scores,
  here,
}: {
  stages: Stage[];
  metric: MapMetric;
  scores: MapScores | undefined;
  here: StageCounts | undefined;
}) {
  return (
    <div class="journey-scroll">
      <div class="journey-grid" style={{ '--stages': String(stages.length) }} data-testid="journey-grid">
        <div class="phase-row" aria-hidden="true">
          {phaseSpans(stages).map((p, i) => (
            <div key={i} class={`phase phase-${p.phase}`} style={{ gridColumn: `span ${p.span}` }}>
              {PHASE_LABEL[p.phase]}
            </div>
          ))}
        </div>
        {stages.map((stage) => {
          const score = scores?.stages.get(stage.id);
          const color = scoreColor(metric, score?.value);
          const now = here?.stages.find((s) => s.stage === stage.id);
          return (
            <section
              key={stage.id}
              class={`stage phase-${stage.phase}`}
              aria-labelledby={`stage-${stage.id}`}
              data-stage={stage.id}
            >
              <header class="stage-header" style={color ? { '--score-color': color } : undefined}>
                <span class="stage-phase">{PHASE_LABEL[stage.phase]}</span>
                <h2 id={`stage-${stage.id}`}>{stage.name}</h2>
                {score && score.value !== null && (
                  <p class="stage-score">
                    <span class="visually-hidden">{METRICS[metric].label} </span>
                    <strong data-value={score.value}>{formatScore(metric, score.value)}</strong>{' '}
                    <SmallSample score={score} /> <ScoreSample metric={metric} score={score} />
                  </p>
                )}
                {now && (
                  <p class="stage-here" data-testid="stage-here" data-customers={now.customers}>
                    {formatCount(now.customers)} here now
                    {now.stalled !== null && `, ${formatCount(now.stalled)} stalled`}
                  </p>
                )}
              </header>
              <ul class="touchpoints">
                {stage.touchpoints.map((tp) => (
                  <TouchpointCell
                    key={tp.id}
                    touchpoint={tp}
                    metric={metric}
                    score={scores?.touchpoints.get(tp.id)}
                    trend={scores?.trends.get(tp.id)}
                    change={scores?.changes.get(tp.id)}
                    interval={scores?.interval ?? 'week'}
                    scoresShown={!!scores}
                  />
                ))}
              </ul>
            </section>
          );
        })}
      </div>
    </div>
  );
}
