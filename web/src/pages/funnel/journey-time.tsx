import { analytics, type QuartileSummary } from '../../api/analytics.ts';
import { ResourceView } from '../../components/resource-view.tsx';
import { formatCount, formatDuration } from '../../lib/format.ts';
import type { Period } from '../../lib/period.ts';
import { useResource } from '../../lib/use-resource.ts';

/** Time from first touch to first purchase (buying) against time from purchase on (owning). */
export function JourneyTime({ period }: { period: Period }) {
  const report = useResource((signal) => analytics.journeyTime(period, signal), [period.from, period.to]);
  return (
    <ResourceView
      resource={report}
      label="journey times"
      isEmpty={(r) => r.journeys === 0}
      empty="No journey started in this period."
    >
      {(data) => (
        <>
          <div class="figures" data-testid="journey-time">
            <Figure title="Buying" hint="first touch to first purchase" summary={data.buying} />
            <Figure
              title="Owning"
              hint={`first purchase to the last interaction or churn (${formatCount(data.owning.endedByChurn)} ended by churn)`}
              summary={data.owning}
            />
          </div>
          <p class="help">
            Over {formatCount(data.journeys)} journeys that started in the period;{' '}
            {formatCount(data.startedBefore)} people already active before it are left out as mid-journey.
          </p>
          {data.notes.map((note) => (
            <p key={note} class="help">
              {note}
            </p>
          ))}
        </>
      )}
    </ResourceView>
  );
}

function Figure({ title, hint, summary }: { title: string; hint: string; summary: QuartileSummary }) {
  return (
    <div class="figure" data-figure={title.toLowerCase()}>
      <h3>{title}</h3>
      <p class="figure-value">{summary.n > 0 ? formatDuration(summary.median) : '–'}</p>
      <p class="help">
        median {hint}; middle half {formatDuration(summary.p25)} to {formatDuration(summary.p75)}; n ={' '}
        {formatCount(summary.n)}
      </p>
    </div>
  );
}
