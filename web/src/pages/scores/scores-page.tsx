import { useMemo } from 'preact/hooks';
import { analytics, keyOf, type ScoreMetric, type ScoresReport } from '../../api/analytics.ts';
import { BreakdownSelect } from '../../components/breakdown-select.tsx';
import { ChoiceGroup } from '../../components/choice-group.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { PeriodPicker } from '../../components/period-picker.tsx';
import { ResourceView } from '../../components/resource-view.tsx';
import { useJourneyIndex, type JourneyIndex } from '../../lib/journey-index.ts';
import { DEFAULT_METRIC, MAP_METRICS, METRICS, type MapMetric } from '../../lib/metrics.ts';
import { trendInterval, usePeriod } from '../../lib/period.ts';
import { useResource } from '../../lib/use-resource.ts';
import { useQueryChoice, useQueryParam } from '../../lib/url-state.ts';
import { ScoresView } from './scores-view.tsx';

const INTERVALS = ['day', 'week', 'month'] as const;
const JOURNEY_DIMENSIONS = ['touchpoint', 'stage', 'phase', 'channel'];

/** The touchpoints of one channel, for filtering scores to it (the API filters by touchpoint). */
function touchpointsOf(journey: JourneyIndex | undefined, channel: string): string | undefined {
  if (!channel || !journey) return undefined;
  const ids = [...journey.touchpoints.values()]
    .filter((t) => t.touchpoint.channel === channel)
    .map((t) => t.touchpoint.id);
  return ids.join(',') || undefined;
}

export interface ScoresFilter {
  metric: ScoreMetric;
  by: string;
  segment: string;
}

/** Scores over time per touchpoint, stage, phase, channel or segment, with confidence bands. */
export function ScoresPage() {
  const journey = useJourneyIndex();
  const [period, setPeriod] = usePeriod();
  const [metric, setMetric] = useQueryChoice<MapMetric>('metric', MAP_METRICS, DEFAULT_METRIC);
  const [interval, setInterval] = useQueryChoice('interval', INTERVALS, trendInterval(period));
  const [by, setBy] = useQueryParam('by', 'stage');
  const [channel, setChannel] = useQueryParam('channel', '');
  const [segment, setSegment] = useQueryParam('segment', '');
  const channels = journey
    ? [...new Set([...journey.touchpoints.values()].map((t) => t.touchpoint.channel))].sort()
    : [];
  const touchpoint = touchpointsOf(journey, channel);
  const waitingForChannel = !!channel && !journey;
  // A segment filter groups by the segment too and keeps that segment's rows.
  const groupBy = segment && by !== 'trait:segment' ? `${by},trait:segment` : by;

  const query = { by: groupBy, metric, touchpoint };
  const series = useResource(
    (signal) =>
      waitingForChannel
        ? new Promise<ScoresReport>(() => undefined)
        : analytics.scores(period, { ...query, interval }, signal),
    [period.from, period.to, groupBy, metric, touchpoint, interval, waitingForChannel],
  );
  const totals = useResource(
    (signal) =>
      waitingForChannel
        ? new Promise<ScoresReport>(() => undefined)
        : analytics.scores(period, query, signal),
    [period.from, period.to, groupBy, metric, touchpoint, waitingForChannel],
  );
  const segments = useResource(
    (signal) => analytics.scores(period, { by: 'trait:segment', metric }, signal),
    [period.from, period.to, metric],
  );
  const segmentValues = useMemo(
    () =>
      segments.state === 'ready'
        ? segments.data.rows.map((r) => keyOf(r, 'trait:segment')).filter((v): v is string => v !== null)
        : [],
    [segments],
  );

  return (
    <section>
      <PageHeader
        title="Scores"
        intro="How scores move over time, each with its 95 % confidence band. Hollow points and grey rows come from fewer responses than the minimum: read them with care."
      >
        <ChoiceGroup
          legend="Score"
          name="metric"
          value={metric}
          onChange={setMetric}
          options={MAP_METRICS.map((m) => ({ value: m, label: METRICS[m].label }))}
        />
        <PeriodPicker period={period} onChange={setPeriod} />
        <label>
          Buckets
          <select
            value={interval}
            onChange={(e) => setInterval(e.currentTarget.value as (typeof INTERVALS)[number])}
          >
            {INTERVALS.map((i) => (
              <option key={i} value={i}>
                {i}
              </option>
            ))}
          </select>
        </label>
        <BreakdownSelect
          label="One line per"
          value={by}
          onChange={setBy}
          dimensions={JOURNEY_DIMENSIONS}
          allowNone={false}
        />
        <label>
          Channel
          <select value={channel} onChange={(e) => setChannel(e.currentTarget.value)}>
            <option value="">all channels</option>
            {channels.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <label>
          Segment
          <select value={segment} onChange={(e) => setSegment(e.currentTarget.value)}>
            <option value="">all segments</option>
            {[...new Set([...segmentValues, ...(segment ? [segment] : [])])].map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
      </PageHeader>
      <ResourceView
        resource={series}
        label="scores over time"
        isEmpty={(r) => r.rows.length === 0}
        empty="No responses in this period and selection."
      >
        {(seriesData) => (
          <ResourceView resource={totals} label="scores for the period">
            {(totalsData) => (
              <ScoresView
                series={seriesData}
                totals={totalsData}
                filter={{ metric, by, segment }}
                journey={journey}
              />
            )}
          </ResourceView>
        )}
      </ResourceView>
    </section>
  );
}
